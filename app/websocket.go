package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// Opcodes from RFC 6455 section 5.2.
const (
	opContinuation byte = 0x0
	opText         byte = 0x1
	opBinary       byte = 0x2
	opClose        byte = 0x8
	opPing         byte = 0x9
	opPong         byte = 0xA
)

// Close status codes from RFC 6455 section 7.4.1.
const (
	closeNormal          uint16 = 1000
	closeGoingAway       uint16 = 1001
	closeProtocolError   uint16 = 1002
	closeInvalidPayload  uint16 = 1007
	closeMessageTooBig   uint16 = 1009
	closeNoStatusPresent uint16 = 1005
)

const (
	// maxMessageSize bounds a whole (possibly fragmented) message, so that one client
	// cannot make the server buffer unbounded data.
	maxMessageSize    = 1 << 20
	maxControlPayload = 125
	writeTimeout      = 10 * time.Second
)

// frame is one decoded websocket frame with its payload already unmasked.
type frame struct {
	fin     bool
	opcode  byte
	payload []byte
}

func (f frame) isControl() bool { return f.opcode&0x8 != 0 }

// protocolError ends a session with the given close code.
type protocolError struct {
	code   uint16
	reason string
}

func (e *protocolError) Error() string { return fmt.Sprintf("%s (close code %d)", e.reason, e.code) }

// closeReceivedError reports that the client started the closing handshake.
type closeReceivedError struct {
	code uint16
}

func (e *closeReceivedError) Error() string { return fmt.Sprintf("client sent close %d", e.code) }

// wsConn reads client frames and writes server frames on a hijacked connection.
// Writes are serialised because pongs and echoes may be written while closing.
type wsConn struct {
	conn    net.Conn
	reader  *bufio.Reader
	writeMu sync.Mutex
}

func newWSConn(conn net.Conn, reader *bufio.Reader) *wsConn {
	return &wsConn{conn: conn, reader: reader}
}

// readFrame decodes one frame. dataLimit caps the payload of a data frame; control
// frames are capped at 125 bytes by the protocol.
func (c *wsConn) readFrame(dataLimit int) (frame, error) {
	var header [2]byte
	if _, err := io.ReadFull(c.reader, header[:]); err != nil {
		return frame{}, err
	}
	f := frame{fin: header[0]&0x80 != 0, opcode: header[0] & 0x0F}
	if header[0]&0x70 != 0 {
		return frame{}, &protocolError{closeProtocolError, "reserved bits set but no extension was negotiated"}
	}
	if !knownOpcode(f.opcode) {
		return frame{}, &protocolError{closeProtocolError, fmt.Sprintf("unknown opcode 0x%X", f.opcode)}
	}
	if header[1]&0x80 == 0 {
		return frame{}, &protocolError{closeProtocolError, "client frames must be masked"}
	}
	length, err := c.readPayloadLength(header[1] & 0x7F)
	if err != nil {
		return frame{}, err
	}
	if f.isControl() {
		if !f.fin || length > maxControlPayload {
			return frame{}, &protocolError{closeProtocolError, "control frames must be final and at most 125 bytes"}
		}
	} else if length > uint64(dataLimit) {
		return frame{}, &protocolError{closeMessageTooBig, fmt.Sprintf("message larger than %d bytes", maxMessageSize)}
	}
	var mask [4]byte
	if _, err := io.ReadFull(c.reader, mask[:]); err != nil {
		return frame{}, err
	}
	f.payload = make([]byte, length)
	if _, err := io.ReadFull(c.reader, f.payload); err != nil {
		return frame{}, err
	}
	for i := range f.payload {
		f.payload[i] ^= mask[i%4]
	}
	return f, nil
}

func knownOpcode(opcode byte) bool {
	switch opcode {
	case opContinuation, opText, opBinary, opClose, opPing, opPong:
		return true
	}
	return false
}

// readPayloadLength reads the 16- or 64-bit extended length when the 7-bit length says so.
func (c *wsConn) readPayloadLength(short byte) (uint64, error) {
	switch short {
	case 126:
		var extended [2]byte
		if _, err := io.ReadFull(c.reader, extended[:]); err != nil {
			return 0, err
		}
		return uint64(binary.BigEndian.Uint16(extended[:])), nil
	case 127:
		var extended [8]byte
		if _, err := io.ReadFull(c.reader, extended[:]); err != nil {
			return 0, err
		}
		length := binary.BigEndian.Uint64(extended[:])
		if length>>63 != 0 {
			return 0, &protocolError{closeProtocolError, "the most significant bit of a 64-bit length must be 0"}
		}
		return length, nil
	default:
		return uint64(short), nil
	}
}

// writeFrame sends one final, unmasked frame (servers never mask).
func (c *wsConn) writeFrame(opcode byte, payload []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if err := c.conn.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return err
	}
	_, err := c.conn.Write(encodeFrame(opcode, payload))
	return err
}

func encodeFrame(opcode byte, payload []byte) []byte {
	length := len(payload)
	encoded := make([]byte, 0, length+10)
	encoded = append(encoded, 0x80|opcode)
	switch {
	case length <= 125:
		encoded = append(encoded, byte(length))
	case length <= 0xFFFF:
		encoded = append(encoded, 126)
		encoded = binary.BigEndian.AppendUint16(encoded, uint16(length))
	default:
		encoded = append(encoded, 127)
		encoded = binary.BigEndian.AppendUint64(encoded, uint64(length))
	}
	return append(encoded, payload...)
}

// writeClose sends a close frame with a status code and a short reason.
func (c *wsConn) writeClose(code uint16, reason string) error {
	if len(reason) > maxControlPayload-2 {
		reason = reason[:maxControlPayload-2]
	}
	payload := binary.BigEndian.AppendUint16(nil, code)
	return c.writeFrame(opClose, append(payload, reason...))
}

// readMessage returns the next complete data message, answering pings on the way and
// reassembling fragmented messages.
func (c *wsConn) readMessage() (byte, []byte, error) {
	var opcode byte
	var message []byte
	fragmented := false
	for {
		f, err := c.readFrame(maxMessageSize - len(message))
		if err != nil {
			return 0, nil, err
		}
		switch {
		case f.opcode == opPing:
			if err := c.writeFrame(opPong, f.payload); err != nil {
				return 0, nil, err
			}
		case f.opcode == opPong:
			// Unsolicited pongs are allowed and need no answer.
		case f.opcode == opClose:
			return 0, nil, closeFrom(f.payload)
		case f.opcode == opContinuation:
			if !fragmented {
				return 0, nil, &protocolError{closeProtocolError, "continuation frame without a message to continue"}
			}
			message = append(message, f.payload...)
			if f.fin {
				return opcode, message, nil
			}
		default: // text or binary
			if fragmented {
				return 0, nil, &protocolError{closeProtocolError, "new message started before the fragmented one ended"}
			}
			if f.fin {
				return f.opcode, f.payload, nil
			}
			opcode, message, fragmented = f.opcode, f.payload, true
		}
	}
}

func closeFrom(payload []byte) error {
	switch len(payload) {
	case 0:
		return &closeReceivedError{code: closeNoStatusPresent}
	case 1:
		return &protocolError{closeProtocolError, "a close payload must hold a 2-byte status code"}
	default:
		return &closeReceivedError{code: binary.BigEndian.Uint16(payload[:2])}
	}
}

// awaitClose gives the client a moment to answer our close frame before the TCP
// connection is closed, as the closing handshake asks.
func (c *wsConn) awaitClose(wait time.Duration) {
	_ = c.conn.SetReadDeadline(time.Now().Add(wait))
	for {
		f, err := c.readFrame(maxMessageSize)
		if err != nil || f.opcode == opClose {
			return
		}
	}
}

var errGoingAway = errors.New("server shutting down")
