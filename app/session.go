package main

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"time"
	"unicode/utf8"
)

const (
	// sessionIdleTimeout closes a websocket that has sent nothing for this long.
	sessionIdleTimeout = 2 * time.Minute
	// closeReplyWait is how long we wait for the client's answer to our close frame.
	closeReplyWait = time.Second
)

// sessionTracker knows the open websocket sessions. http.Server.Shutdown does not see
// hijacked connections, so shutdown asks every session to close with 1001 and waits.
type sessionTracker struct {
	mu       sync.Mutex
	sessions map[*wsConn]struct{}
	closing  bool
	active   sync.WaitGroup
}

func newSessionTracker() *sessionTracker {
	return &sessionTracker{sessions: map[*wsConn]struct{}{}}
}

// add registers a session; it refuses once shutdown has begun.
func (t *sessionTracker) add(c *wsConn) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return false
	}
	t.sessions[c] = struct{}{}
	t.active.Add(1)
	return true
}

func (t *sessionTracker) remove(c *wsConn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.sessions[c]; ok {
		delete(t.sessions, c)
		t.active.Done()
	}
}

func (t *sessionTracker) isClosing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.closing
}

func (t *sessionTracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.sessions)
}

// shutdown interrupts every blocked read; each session then sends close 1001.
func (t *sessionTracker) shutdown() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closing = true
	for c := range t.sessions {
		_ = c.conn.SetReadDeadline(time.Now())
	}
}

// forceClose drops the sessions that did not finish their closing handshake in time.
func (t *sessionTracker) forceClose() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for c := range t.sessions {
		_ = c.conn.Close()
	}
}

// wait returns when every session has ended or the context is done.
func (t *sessionTracker) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		t.active.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// serveSession echoes every message back until the client closes, breaks the
// protocol, goes idle, or the server shuts down. The session is already tracked.
func (a *app) serveSession(c *wsConn, remote string) {
	defer c.conn.Close()
	started := time.Now()
	echoed := 0
	a.log.info("websocket opened", "remote", remote)
	err := a.echo(c, &echoed)
	code, reason := a.finish(c, err)
	a.log.info("websocket closed", "remote", remote, "code", code, "reason", reason,
		"messages", echoed, "duration_ms", time.Since(started).Milliseconds())
}

func (a *app) echo(c *wsConn, echoed *int) error {
	for {
		if err := c.conn.SetReadDeadline(time.Now().Add(sessionIdleTimeout)); err != nil {
			return err
		}
		if a.sessions.isClosing() {
			return errGoingAway
		}
		opcode, message, err := c.readMessage()
		if err != nil {
			if a.sessions.isClosing() && isTimeout(err) {
				return errGoingAway
			}
			return err
		}
		if opcode == opText && !utf8.Valid(message) {
			return &protocolError{closeInvalidPayload, "text message is not valid UTF-8"}
		}
		if err := c.writeFrame(opcode, message); err != nil {
			return err
		}
		*echoed++
	}
}

// finish performs our side of the closing handshake for the reason the session ended
// and returns the close code and reason for the log.
func (a *app) finish(c *wsConn, ended error) (uint16, string) {
	var received *closeReceivedError
	var broken *protocolError
	switch {
	case errors.As(ended, &received):
		reply := received.code
		if reply == closeNoStatusPresent {
			reply = closeNormal
		}
		_ = c.writeClose(reply, "")
		return received.code, "closed by client"
	case errors.As(ended, &broken):
		_ = c.writeClose(broken.code, broken.reason)
		c.awaitClose(closeReplyWait)
		return broken.code, broken.reason
	case errors.Is(ended, errGoingAway):
		_ = c.writeClose(closeGoingAway, errGoingAway.Error())
		c.awaitClose(closeReplyWait)
		return closeGoingAway, errGoingAway.Error()
	case isTimeout(ended):
		_ = c.writeClose(closeNormal, "idle timeout")
		c.awaitClose(closeReplyWait)
		return closeNormal, "idle timeout"
	case errors.Is(ended, io.EOF) || errors.Is(ended, io.ErrUnexpectedEOF):
		return closeNoStatusPresent, "connection dropped without a close frame"
	default:
		return closeNoStatusPresent, ended.Error()
	}
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}
