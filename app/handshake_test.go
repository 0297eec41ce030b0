package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAcceptKey_matchesTheRFCExample(t *testing.T) {
	// RFC 6455 section 1.3.
	if got := acceptKey("dGhlIHNhbXBsZSBub25jZQ=="); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatalf("acceptKey = %q", got)
	}
}

func TestWebSocketHandshake_badRequestsAreRejected(t *testing.T) {
	valid := map[string]string{
		"Upgrade":               "websocket",
		"Connection":            "Upgrade",
		"Sec-WebSocket-Version": "13",
		"Sec-WebSocket-Key":     "dGhlIHNhbXBsZSBub25jZQ==",
	}
	cases := []struct {
		name          string
		method        string
		change        map[string]string
		status        int
		wantVersion13 bool
	}{
		{"plain GET without upgrade", http.MethodGet, map[string]string{"Upgrade": "", "Connection": ""}, http.StatusUpgradeRequired, true},
		{"upgrade to another protocol", http.MethodGet, map[string]string{"Upgrade": "h2c"}, http.StatusUpgradeRequired, true},
		{"old protocol version", http.MethodGet, map[string]string{"Sec-WebSocket-Version": "8"}, http.StatusUpgradeRequired, true},
		{"missing key", http.MethodGet, map[string]string{"Sec-WebSocket-Key": ""}, http.StatusBadRequest, false},
		{"key not base64", http.MethodGet, map[string]string{"Sec-WebSocket-Key": "not base64!"}, http.StatusBadRequest, false},
		{"key of the wrong length", http.MethodGet, map[string]string{"Sec-WebSocket-Key": "c2hvcnQ="}, http.StatusBadRequest, false},
		{"connection header without upgrade", http.MethodGet, map[string]string{"Connection": "keep-alive"}, http.StatusBadRequest, false},
		{"POST", http.MethodPost, nil, http.StatusMethodNotAllowed, false},
	}
	handler := newApp("dev", newLogger(io.Discard)).routes()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			request := httptest.NewRequest(tc.method, "/ws", nil)
			for name, value := range valid {
				request.Header.Set(name, value)
			}
			for name, value := range tc.change {
				if value == "" {
					request.Header.Del(name)
				} else {
					request.Header.Set(name, value)
				}
			}
			response := httptest.NewRecorder()
			handler.ServeHTTP(response, request)

			if response.Code != tc.status {
				t.Fatalf("status = %d, want %d (%s)", response.Code, tc.status, response.Body)
			}
			if got := response.Header().Get("Sec-WebSocket-Version"); tc.wantVersion13 && got != "13" {
				t.Fatalf("426 answer lacks Sec-WebSocket-Version: 13, got %q", got)
			}
		})
	}
}

func TestHeaderHasToken_isCaseInsensitiveAndSplitsLists(t *testing.T) {
	header := http.Header{}
	header.Add("Connection", "keep-alive, UPGRADE")
	if !headerHasToken(header, "Connection", "upgrade") {
		t.Fatal("token in a list was not found")
	}
	if headerHasToken(header, "Connection", "close") {
		t.Fatal("absent token was found")
	}
}
