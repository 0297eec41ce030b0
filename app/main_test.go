package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestListenAddress_defaultsTo8080AndRejectsNonsense(t *testing.T) {
	if got, err := listenAddress(""); err != nil || got != ":8080" {
		t.Fatalf("listenAddress(\"\") = %q, %v", got, err)
	}
	if got, err := listenAddress("9090"); err != nil || got != ":9090" {
		t.Fatalf("listenAddress(9090) = %q, %v", got, err)
	}
	for _, bad := range []string{"http", "0", "70000", "-1", "80a"} {
		if _, err := listenAddress(bad); err == nil || !strings.Contains(err.Error(), "PORT must be") {
			t.Errorf("listenAddress(%q) error = %v, want a PORT error", bad, err)
		}
	}
}

// startServing runs serve on a loopback port and returns its address, a function that
// triggers shutdown, and the channel serve's result arrives on.
func startServing(t *testing.T, timeout time.Duration) (string, *syncBuffer, context.CancelFunc, chan error) {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	result := make(chan error, 1)
	go func() { result <- serve(ctx, listener, newApp("dev", newLogger(logs)), timeout) }()
	return listener.Addr().String(), logs, cancel, result
}

func awaitResult(t *testing.T, result chan error) error {
	t.Helper()
	select {
	case err := <-result:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after shutdown")
		return nil
	}
}

func TestServe_shutdownSendsGoingAwayToWebSocketsAndStops(t *testing.T) {
	addr, logs, shutdown, result := startServing(t, 5*time.Second)
	client := dialWebSocket(t, addr)
	client.send(true, opText, []byte("before shutdown"))
	if got := client.receive(); string(got.payload) != "before shutdown" {
		t.Fatalf("echo = %q", got.payload)
	}

	shutdown()
	if reason := client.expectClose(closeGoingAway); reason != "server shutting down" {
		t.Fatalf("close reason = %q", reason)
	}
	client.send(true, opClose, closePayload(closeGoingAway, ""))

	if err := awaitResult(t, result); err != nil {
		t.Fatalf("serve returned %v, want nil after a graceful shutdown", err)
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Fatal("the listener still accepts connections after shutdown")
	}
	for _, want := range []string{`"msg":"shutting down"`, `"open_websockets":1`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}

func TestServe_shutdownFailsWhenSessionsOutlastTheTimeout(t *testing.T) {
	addr, _, shutdown, result := startServing(t, 100*time.Millisecond)
	client := dialWebSocket(t, addr)

	shutdown()
	client.expectClose(closeGoingAway)
	// The client never answers the close frame, so the server waits past the timeout.
	err := awaitResult(t, result)
	if err == nil || !strings.Contains(err.Error(), "graceful shutdown did not finish within 100ms") {
		t.Fatalf("serve returned %v, want a shutdown timeout error", err)
	}
	client.expectConnectionClosed()
}

// TestMain_stopsCleanlyOnSIGTERM runs the real main in a child process (this test
// binary, re-executed) and sends it SIGTERM, the way systemd stops the service.
func TestMain_stopsCleanlyOnSIGTERM(t *testing.T) {
	if os.Getenv("BAKEHOUSE_APP_RUN_MAIN") == "1" {
		main()
		return
	}
	port := freePort(t)
	child := exec.Command(os.Args[0], "-test.run=^TestMain_stopsCleanlyOnSIGTERM$")
	child.Env = append(os.Environ(), "BAKEHOUSE_APP_RUN_MAIN=1", "PORT="+port)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill() })
	lines := make(chan string, 100)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()

	waitHealthy(t, "http://127.0.0.1:"+port+"/health")
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var output []string
	for line := range lines {
		output = append(output, line)
	}
	if err := child.Wait(); err != nil {
		t.Fatalf("the app exited with %v after SIGTERM, want status 0; output:\n%s", err, strings.Join(output, "\n"))
	}
	all := strings.Join(output, "\n")
	for _, want := range []string{`"msg":"starting"`, `"version":"dev"`, `"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(all, want) {
			t.Errorf("output lacks %s:\n%s", want, all)
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return fmt.Sprint(listener.Addr().(*net.TCPAddr).Port)
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		response, err := http.Get(url)
		if err == nil {
			response.Body.Close()
			if response.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never became healthy: %v", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
