package main

import (
	"bytes"
	"html/template"
	"net/http"
	"os"
)

var homePage = template.Must(template.New("home").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bakehouse app {{.Version}}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }
code, output { font-family: ui-monospace, monospace; }
output { display: block; white-space: pre-wrap; background: #f4f4f4; padding: .5rem; min-height: 3rem; }
</style>
</head>
<body>
<h1>Bakehouse app</h1>
<p>Version <code id="version">{{.Version}}</code> on host <code>{{.Host}}</code>.</p>
<p>Health: <a href="/health"><code>/health</code></a>. Websocket echo: <code>/ws</code>.</p>
<form id="echo">
<input id="message" value="hello" aria-label="message">
<button type="submit">Send over websocket</button>
</form>
<output id="log"></output>
<script>
(function () {
  var log = document.getElementById("log");
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = null;
  function show(line) { log.textContent += line + "\n"; }
  function connect(onOpen) {
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.onopen = onOpen;
    socket.onmessage = function (event) { show("< " + event.data); };
    socket.onclose = function (event) { show("closed (" + event.code + ")"); socket = null; };
  }
  document.getElementById("echo").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = document.getElementById("message").value;
    var send = function () { show("> " + text); socket.send(text); };
    if (socket && socket.readyState === WebSocket.OPEN) { send(); } else { connect(send); }
  });
})();
</script>
</body>
</html>
`))

type homeView struct {
	Version string
	Host    string
}

func (a *app) handleHome(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	var page bytes.Buffer
	if err := homePage.Execute(&page, homeView{Version: a.version, Host: host}); err != nil {
		a.log.error("rendering the home page failed", "error", err)
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodGet {
		_, _ = w.Write(page.Bytes())
	}
}
