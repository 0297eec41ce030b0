package main

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// websocketGUID is the fixed value RFC 6455 section 1.3 appends to the client's key.
const websocketGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// handshakeError is a rejected upgrade: the status to answer with and why.
type handshakeError struct {
	status int
	reason string
}

func (e *handshakeError) Error() string { return e.reason }

// acceptKey computes Sec-WebSocket-Accept for a client's Sec-WebSocket-Key.
func acceptKey(clientKey string) string {
	digest := sha1.Sum([]byte(clientKey + websocketGUID))
	return base64.StdEncoding.EncodeToString(digest[:])
}

// checkHandshake validates an opening handshake (RFC 6455 section 4.2.1) and returns
// the client's key. Requests that are not websocket upgrades at all get 426 with the
// protocol we speak; malformed upgrades get 400.
func checkHandshake(r *http.Request) (string, *handshakeError) {
	if r.Method != http.MethodGet {
		return "", &handshakeError{http.StatusMethodNotAllowed, "a websocket handshake must use GET"}
	}
	if !headerHasToken(r.Header, "Upgrade", "websocket") {
		return "", &handshakeError{http.StatusUpgradeRequired, "this endpoint only speaks websocket (Upgrade: websocket)"}
	}
	if !headerHasToken(r.Header, "Connection", "upgrade") {
		return "", &handshakeError{http.StatusBadRequest, "the Connection header must contain \"Upgrade\""}
	}
	if r.Header.Get("Sec-WebSocket-Version") != "13" {
		return "", &handshakeError{http.StatusUpgradeRequired, "unsupported Sec-WebSocket-Version; this server speaks version 13"}
	}
	key := strings.TrimSpace(r.Header.Get("Sec-WebSocket-Key"))
	decoded, err := base64.StdEncoding.DecodeString(key)
	if key == "" || err != nil || len(decoded) != 16 {
		return "", &handshakeError{http.StatusBadRequest, "Sec-WebSocket-Key must be 16 random bytes in base64"}
	}
	return key, nil
}

// headerHasToken reports whether a comma-separated header holds the token, ignoring case.
func headerHasToken(header http.Header, name, token string) bool {
	for _, value := range header.Values(name) {
		for _, part := range strings.Split(value, ",") {
			if strings.EqualFold(strings.TrimSpace(part), token) {
				return true
			}
		}
	}
	return false
}

func (a *app) handleWebSocket(w http.ResponseWriter, r *http.Request) {
	key, rejected := checkHandshake(r)
	if rejected != nil {
		if rejected.status == http.StatusUpgradeRequired {
			w.Header().Set("Upgrade", "websocket")
			w.Header().Set("Sec-WebSocket-Version", "13")
		}
		a.log.info("websocket handshake rejected", "status", rejected.status, "reason", rejected.reason, "remote", r.RemoteAddr)
		http.Error(w, rejected.reason, rejected.status)
		return
	}
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		a.log.error("websocket upgrade impossible: the connection cannot be hijacked")
		http.Error(w, "websocket not supported here", http.StatusInternalServerError)
		return
	}
	conn, buffered, err := hijacker.Hijack()
	if err != nil {
		a.log.error("websocket hijack failed", "error", err)
		return
	}
	// The server's read/write timeouts were set on the connection before the hijack;
	// the websocket session sets its own deadlines from here on.
	_ = conn.SetDeadline(time.Time{})

	session := newWSConn(conn, buffered.Reader)
	// Registering before answering 101 means a shutdown can never miss a session
	// whose client already believes it is connected.
	if !a.sessions.add(session) {
		a.refuseUpgrade(conn, r.RemoteAddr)
		return
	}
	defer a.sessions.remove(session)

	response := fmt.Sprintf("HTTP/1.1 101 Switching Protocols\r\n"+
		"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", acceptKey(key))
	_ = conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := conn.Write([]byte(response)); err != nil {
		a.log.error("websocket handshake response failed", "error", err, "remote", r.RemoteAddr)
		_ = conn.Close()
		return
	}
	a.serveSession(session, r.RemoteAddr)
}

// refuseUpgrade answers 503 on a hijacked connection once shutdown has begun.
func (a *app) refuseUpgrade(conn net.Conn, remote string) {
	defer conn.Close()
	body := errGoingAway.Error() + "\n"
	_ = conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	_, _ = fmt.Fprintf(conn, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Content-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
	a.log.info("websocket refused during shutdown", "remote", remote)
}
