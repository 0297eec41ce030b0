package main

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func startTestServer(t *testing.T) (*app, string, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	a := newApp("1.2.3-test", newLogger(logs))
	server := httptest.NewServer(a.routes())
	t.Cleanup(server.Close)
	return a, strings.TrimPrefix(server.URL, "http://"), logs
}

func TestWebSocket_echoesTextMessageOfEveryLengthEncoding(t *testing.T) {
	_, addr, _ := startTestServer(t)
	client := dialWebSocket(t, addr)

	for _, size := range []int{0, 5, 125, 126, 300, 65535, 65536, 70000} {
		message := []byte(strings.Repeat("é", size/2) + strings.Repeat("a", size%2))
		client.send(true, opText, message)
		reply := client.receive()
		if reply.opcode != opText || !reply.fin {
			t.Fatalf("size %d: reply opcode 0x%X fin %v, want final text", size, reply.opcode, reply.fin)
		}
		if !bytes.Equal(reply.payload, message) {
			t.Fatalf("size %d: echoed %d bytes that differ from the %d sent", size, len(reply.payload), len(message))
		}
	}
}

func TestWebSocket_reassemblesFragmentsAndAnswersPingInBetween(t *testing.T) {
	_, addr, _ := startTestServer(t)
	client := dialWebSocket(t, addr)

	client.send(false, opText, []byte("hello, "))
	client.send(true, opPing, []byte("are you there"))
	client.send(false, opContinuation, []byte("fragmented "))
	client.send(true, opContinuation, []byte("world"))

	pong := client.receive()
	if pong.opcode != opPong || string(pong.payload) != "are you there" {
		t.Fatalf("got opcode 0x%X payload %q, want pong with the ping's payload", pong.opcode, pong.payload)
	}
	echo := client.receive()
	if echo.opcode != opText || string(echo.payload) != "hello, fragmented world" {
		t.Fatalf("got opcode 0x%X payload %q, want the reassembled text", echo.opcode, echo.payload)
	}
}

func TestWebSocket_closeHandshakeEchoesStatusThenClosesConnection(t *testing.T) {
	_, addr, logs := startTestServer(t)
	client := dialWebSocket(t, addr)

	client.send(true, opText, []byte("one"))
	if got := client.receive(); string(got.payload) != "one" {
		t.Fatalf("echo = %q", got.payload)
	}
	client.send(true, opClose, closePayload(closeNormal, "bye"))
	client.expectClose(closeNormal)
	client.expectConnectionClosed()

	waitForLog(t, logs, `"msg":"websocket closed"`)
	if !strings.Contains(logs.String(), `"messages":1`) {
		t.Fatalf("session log lacks the message count:\n%s", logs)
	}
}

func TestWebSocket_rejectsProtocolViolationsWithTheRightCloseCode(t *testing.T) {
	oversized := maskedFrame(true, opText, nil)[:1]
	oversized = append(oversized, 0x80|127, 0, 0, 0, 0, 0, 0x20, 0, 0) // 2 MiB announced

	cases := []struct {
		name string
		wire []byte
		code uint16
	}{
		{"unmasked frame", []byte{0x81, 0x02, 'h', 'i'}, closeProtocolError},
		{"reserved bit set", append([]byte{0xC1}, maskedFrame(true, opText, []byte("x"))[1:]...), closeProtocolError},
		{"unknown opcode", maskedFrame(true, 0x3, []byte("x")), closeProtocolError},
		{"continuation without a start", maskedFrame(true, opContinuation, []byte("x")), closeProtocolError},
		{"fragmented ping", maskedFrame(false, opPing, []byte("x")), closeProtocolError},
		{"control payload over 125 bytes", maskedFrame(true, opPing, bytes.Repeat([]byte("p"), 126)), closeProtocolError},
		{"one-byte close payload", maskedFrame(true, opClose, []byte{0x03}), closeProtocolError},
		{"invalid UTF-8 text", maskedFrame(true, opText, []byte{0xff, 0xfe}), closeInvalidPayload},
		{"message over the size limit", oversized, closeMessageTooBig},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, addr, _ := startTestServer(t)
			client := dialWebSocket(t, addr)
			if _, err := client.conn.Write(tc.wire); err != nil {
				t.Fatal(err)
			}
			client.expectClose(tc.code)
			client.send(true, opClose, closePayload(tc.code, ""))
			client.expectConnectionClosed()
		})
	}
}

func TestWebSocket_fragmentsAddingUpOverTheLimitAreRejected(t *testing.T) {
	_, addr, _ := startTestServer(t)
	client := dialWebSocket(t, addr)

	half := bytes.Repeat([]byte("a"), maxMessageSize/2)
	client.send(false, opText, half)
	client.send(false, opContinuation, half)
	client.send(true, opContinuation, []byte("one byte too many"))
	client.expectClose(closeMessageTooBig)
}

func TestWebSocket_newMessageInsideFragmentedMessageIsRejected(t *testing.T) {
	_, addr, _ := startTestServer(t)
	client := dialWebSocket(t, addr)

	client.send(false, opText, []byte("start"))
	client.send(true, opText, []byte("interloper"))
	client.expectClose(closeProtocolError)
}

func TestWebSocket_echoesBinaryAsBinary(t *testing.T) {
	_, addr, _ := startTestServer(t)
	client := dialWebSocket(t, addr)

	payload := []byte{0x00, 0xff, 0x10, 0x80}
	client.send(true, opBinary, payload)
	reply := client.receive()
	if reply.opcode != opBinary || !bytes.Equal(reply.payload, payload) {
		t.Fatalf("got opcode 0x%X payload %v", reply.opcode, reply.payload)
	}
}

func TestWebSocket_clientDroppingConnectionEndsSession(t *testing.T) {
	a, addr, logs := startTestServer(t)
	client := dialWebSocket(t, addr)
	client.send(true, opText, []byte("x"))
	client.receive()
	client.conn.Close()

	waitForLog(t, logs, "connection dropped without a close frame")
	if n := a.sessions.count(); n != 0 {
		t.Fatalf("%d sessions still tracked after the client left", n)
	}
}

func TestEncodeFrame_usesShortestLengthEncoding(t *testing.T) {
	cases := []struct {
		length     int
		headerSize int
		marker     byte
	}{
		{125, 2, 125},
		{126, 4, 126},
		{65535, 4, 126},
		{65536, 10, 127},
	}
	for _, tc := range cases {
		encoded := encodeFrame(opBinary, make([]byte, tc.length))
		if got := len(encoded) - tc.length; got != tc.headerSize {
			t.Errorf("length %d: header is %d bytes, want %d", tc.length, got, tc.headerSize)
		}
		if encoded[0] != 0x82 || encoded[1] != tc.marker {
			t.Errorf("length %d: header starts % X, want 82 %02X", tc.length, encoded[:2], tc.marker)
		}
	}
}

func TestWebSocket_upgradeAfterShutdownBeganIsRefusedWith503(t *testing.T) {
	a, addr, _ := startTestServer(t)
	a.sessions.shutdown()

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Write([]byte(handshakeRequest(addr, "dGhlIHNhbXBsZSBub25jZQ=="))); err != nil {
		t.Fatal(err)
	}
	response, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status = %d, want 503", response.StatusCode)
	}
}
