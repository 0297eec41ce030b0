package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// healthcheckTimeout bounds one probe; container runtimes give a health command a few
// seconds (the Dockerfile's HEALTHCHECK allows 3 s) before they count it as failed.
const healthcheckTimeout = 2 * time.Second

// healthcheckRequested reports whether the command line asks for the self-check
// (`bakehouse-app -healthcheck`) instead of starting the server.
func healthcheckRequested(args []string) bool {
	return len(args) == 1 && (args[0] == "-healthcheck" || args[0] == "--healthcheck")
}

// healthcheck probes the app already running in the same container or host: a GET of
// http://127.0.0.1:PORT/health that must answer 200. Minimal images carry no shell or
// curl, so the binary checks itself. It returns the process exit status: 0 healthy,
// 1 unhealthy or unreachable, 2 a bad PORT setting.
func healthcheck(port string, stderr io.Writer) int {
	addr, err := listenAddress(port)
	if err != nil {
		fmt.Fprintln(stderr, "healthcheck:", err)
		return 2
	}
	url := "http://127.0.0.1" + addr + "/health"
	if err := probe(url, healthcheckTimeout); err != nil {
		fmt.Fprintln(stderr, "healthcheck:", err)
		return 1
	}
	return 0
}

// probe GETs url once and fails unless the answer is 200 within the timeout.
func probe(url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	request, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	// No proxy: the target is always loopback, whatever HTTP_PROXY the task carries.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	response, err := client.Do(request)
	if err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	defer response.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(response.Body, 4096))
	if response.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d, want 200", url, response.StatusCode)
	}
	return nil
}
