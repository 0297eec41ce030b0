package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestHealthcheckRequested_onlyTheFlagAlone(t *testing.T) {
	for _, args := range [][]string{{"-healthcheck"}, {"--healthcheck"}} {
		if !healthcheckRequested(args) {
			t.Errorf("healthcheckRequested(%q) = false", args)
		}
	}
	for _, args := range [][]string{nil, {}, {"-healthcheck", "extra"}, {"healthcheck"}, {"-test.run=x"}} {
		if healthcheckRequested(args) {
			t.Errorf("healthcheckRequested(%q) = true", args)
		}
	}
}

// serveOnPort runs the real app routes on a loopback port until the test ends.
func serveOnPort(t *testing.T, handler http.Handler) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: handler, ReadHeaderTimeout: time.Second}
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(func() { _ = server.Shutdown(context.Background()) })
	_, port, _ := net.SplitHostPort(listener.Addr().String())
	return port
}

func TestHealthcheck_zeroWhenTheAppAnswers(t *testing.T) {
	port := serveOnPort(t, newApp("test", newLogger(&syncBuffer{})).routes())
	var stderr bytes.Buffer
	if status := healthcheck(port, &stderr); status != 0 {
		t.Fatalf("healthcheck = %d, want 0; stderr: %s", status, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("a healthy check printed %q", stderr.String())
	}
}

func TestHealthcheck_oneWhenHealthIsNot200(t *testing.T) {
	port := serveOnPort(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" || r.Method != http.MethodGet {
			t.Errorf("probe sent %s %s, want GET /health", r.Method, r.URL.Path)
		}
		http.Error(w, "draining", http.StatusServiceUnavailable)
	}))
	var stderr bytes.Buffer
	if status := healthcheck(port, &stderr); status != 1 {
		t.Fatalf("healthcheck = %d, want 1", status)
	}
	if !strings.Contains(stderr.String(), "status 503") {
		t.Errorf("stderr %q does not name the status", stderr.String())
	}
}

func TestHealthcheck_oneWhenNothingListens(t *testing.T) {
	var stderr bytes.Buffer
	if status := healthcheck(freePort(t), &stderr); status != 1 {
		t.Fatalf("healthcheck = %d, want 1", status)
	}
	if !strings.Contains(stderr.String(), "/health") {
		t.Errorf("stderr %q does not name the URL", stderr.String())
	}
}

func TestHealthcheck_oneWhenTheAppHangs(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	port := serveOnPort(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	started := time.Now()
	if status := healthcheck(port, &bytes.Buffer{}); status != 1 {
		t.Fatalf("healthcheck = %d, want 1", status)
	}
	if elapsed := time.Since(started); elapsed > healthcheckTimeout+time.Second {
		t.Errorf("a hanging app held the check for %s, want about %s", elapsed, healthcheckTimeout)
	}
}

func TestHealthcheck_twoOnABadPort(t *testing.T) {
	var stderr bytes.Buffer
	if status := healthcheck("http", &stderr); status != 2 {
		t.Fatalf("healthcheck = %d, want 2", status)
	}
	if !strings.Contains(stderr.String(), "PORT must be") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// The binary itself, as the image's HEALTHCHECK runs it: exit 0 against a running app,
// 1 when nothing answers, and it never starts a server of its own.
func TestMain_healthcheckFlagExitsWithTheProbeResult(t *testing.T) {
	if os.Getenv("BAKEHOUSE_APP_RUN_HEALTHCHECK") == "1" {
		os.Args = []string{os.Args[0], "-healthcheck"}
		main()
		t.Fatal("main -healthcheck returned instead of exiting")
	}
	run := func(port string) (int, string) {
		child := exec.Command(os.Args[0], "-test.run=^TestMain_healthcheckFlagExitsWithTheProbeResult$")
		child.Env = append(os.Environ(), "BAKEHOUSE_APP_RUN_HEALTHCHECK=1", "PORT="+port)
		output, err := child.CombinedOutput()
		if exit, ok := err.(*exec.ExitError); ok {
			return exit.ExitCode(), string(output)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(output)
	}
	healthy := serveOnPort(t, newApp("test", newLogger(&syncBuffer{})).routes())
	if status, output := run(healthy); status != 0 {
		t.Errorf("-healthcheck against a running app exited %d:\n%s", status, output)
	}
	idle := freePort(t)
	status, output := run(idle)
	if status != 1 {
		t.Errorf("-healthcheck with nothing on the port exited %d, want 1:\n%s", status, output)
	}
	if strings.Contains(output, `"msg":"starting"`) {
		t.Errorf("-healthcheck started a server:\n%s", output)
	}
}
