package main

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// testClient speaks the client side of RFC 6455 by hand over a plain TCP connection,
// so the tests check the server's bytes on the wire, not a library's interpretation.
type testClient struct {
	t      *testing.T
	conn   net.Conn
	reader *bufio.Reader
}

// dialWebSocket connects to addr (host:port), sends the opening handshake and checks
// the 101 answer, including Sec-WebSocket-Accept.
func dialWebSocket(t *testing.T, addr string) *testClient {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))

	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		t.Fatal(err)
	}
	key := base64.StdEncoding.EncodeToString(nonce)
	if _, err := conn.Write([]byte(handshakeRequest(addr, key))); err != nil {
		t.Fatalf("write handshake: %v", err)
	}
	reader := bufio.NewReader(conn)
	response, err := http.ReadResponse(reader, nil)
	if err != nil {
		t.Fatalf("read handshake response: %v", err)
	}
	if response.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake status = %d, want 101", response.StatusCode)
	}
	if got, want := response.Header.Get("Sec-WebSocket-Accept"), acceptKey(key); got != want {
		t.Fatalf("Sec-WebSocket-Accept = %q, want %q", got, want)
	}
	if !strings.EqualFold(response.Header.Get("Upgrade"), "websocket") ||
		!strings.EqualFold(response.Header.Get("Connection"), "upgrade") {
		t.Fatalf("handshake headers = %v", response.Header)
	}
	return &testClient{t: t, conn: conn, reader: reader}
}

func handshakeRequest(addr, key string) string {
	return "GET /ws HTTP/1.1\r\nHost: " + addr + "\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
}

// send writes one masked frame with a random masking key.
func (c *testClient) send(fin bool, opcode byte, payload []byte) {
	c.t.Helper()
	if _, err := c.conn.Write(maskedFrame(fin, opcode, payload)); err != nil {
		c.t.Fatalf("write frame: %v", err)
	}
}

func maskedFrame(fin bool, opcode byte, payload []byte) []byte {
	first := opcode
	if fin {
		first |= 0x80
	}
	encoded := []byte{first}
	switch length := len(payload); {
	case length <= 125:
		encoded = append(encoded, 0x80|byte(length))
	case length <= 0xFFFF:
		encoded = append(encoded, 0x80|126)
		encoded = binary.BigEndian.AppendUint16(encoded, uint16(length))
	default:
		encoded = append(encoded, 0x80|127)
		encoded = binary.BigEndian.AppendUint64(encoded, uint64(length))
	}
	mask := make([]byte, 4)
	_, _ = rand.Read(mask)
	encoded = append(encoded, mask...)
	for i, b := range payload {
		encoded = append(encoded, b^mask[i%4])
	}
	return encoded
}

type receivedFrame struct {
	fin     bool
	opcode  byte
	payload []byte
}

// receive reads one server frame and checks that the server did not mask it.
func (c *testClient) receive() receivedFrame {
	c.t.Helper()
	frame, err := c.tryReceive()
	if err != nil {
		c.t.Fatalf("read frame: %v", err)
	}
	return frame
}

func (c *testClient) tryReceive() (receivedFrame, error) {
	header := make([]byte, 2)
	if _, err := io.ReadFull(c.reader, header); err != nil {
		return receivedFrame{}, err
	}
	if header[1]&0x80 != 0 {
		return receivedFrame{}, fmt.Errorf("server frame is masked")
	}
	length := uint64(header[1] & 0x7F)
	switch length {
	case 126:
		extended := make([]byte, 2)
		if _, err := io.ReadFull(c.reader, extended); err != nil {
			return receivedFrame{}, err
		}
		length = uint64(binary.BigEndian.Uint16(extended))
	case 127:
		extended := make([]byte, 8)
		if _, err := io.ReadFull(c.reader, extended); err != nil {
			return receivedFrame{}, err
		}
		length = binary.BigEndian.Uint64(extended)
	}
	payload := make([]byte, length)
	if _, err := io.ReadFull(c.reader, payload); err != nil {
		return receivedFrame{}, err
	}
	return receivedFrame{fin: header[0]&0x80 != 0, opcode: header[0] & 0x0F, payload: payload}, nil
}

// expectClose reads a close frame and checks its status code.
func (c *testClient) expectClose(wantCode uint16) string {
	c.t.Helper()
	frame := c.receive()
	if frame.opcode != opClose {
		c.t.Fatalf("opcode = 0x%X, want close", frame.opcode)
	}
	if len(frame.payload) < 2 {
		c.t.Fatalf("close payload %q has no status code", frame.payload)
	}
	if got := binary.BigEndian.Uint16(frame.payload[:2]); got != wantCode {
		c.t.Fatalf("close code = %d (%q), want %d", got, frame.payload[2:], wantCode)
	}
	return string(frame.payload[2:])
}

// expectConnectionClosed checks that the server closed the TCP connection.
func (c *testClient) expectConnectionClosed() {
	c.t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if frame, err := c.tryReceive(); err == nil {
		c.t.Fatalf("got frame opcode 0x%X, want the connection closed", frame.opcode)
	} else if err != io.EOF && !strings.Contains(err.Error(), "reset") {
		c.t.Fatalf("read error = %v, want EOF", err)
	}
}

func closePayload(code uint16, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, code), reason...)
}
