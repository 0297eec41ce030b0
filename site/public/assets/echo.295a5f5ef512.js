// The app's websocket echo, from a page served apart from the app: the app's address is asked for,
// since this page comes from S3 and CloudFront, not from the app's own host.
(function () {
  var form = document.getElementById("echo");
  if (!form) { return; }
  var log = document.getElementById("log");
  var socket = null;
  function show(line) { log.textContent += line + "\n"; }
  function address() {
    var host = document.getElementById("app").value.trim() || location.host;
    return (location.protocol === "https:" ? "wss://" : "ws://") + host + "/ws";
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = document.getElementById("message").value;
    var send = function () { show("> " + text); socket.send(text); };
    if (socket && socket.readyState === WebSocket.OPEN) { send(); return; }
    socket = new WebSocket(address());
    socket.onopen = send;
    socket.onmessage = function (e) { show("< " + e.data); };
    socket.onclose = function (e) { show("closed (" + e.code + ")"); socket = null; };
  });
})();
