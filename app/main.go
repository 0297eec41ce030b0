// Command bakehouse-app is the web app Bakehouse bakes into an AMI: a home page that
// shows its version, a health check for load balancers, and a websocket echo.
//
// `bakehouse-app -healthcheck` checks the app already running on PORT instead of starting
// one (the container image's HEALTHCHECK; the image has no shell or curl).
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// version is stamped at build time: go build -ldflags "-X main.version=1.2.3".
var version = "dev"

const (
	defaultPort = "8080"
	// shutdownTimeout stays well below systemd's default stop timeout (90 s).
	shutdownTimeout = 15 * time.Second
)

func main() {
	if healthcheckRequested(os.Args[1:]) {
		os.Exit(healthcheck(os.Getenv("PORT"), os.Stderr))
	}
	log := newLogger(os.Stdout)
	addr, err := listenAddress(os.Getenv("PORT"))
	if err != nil {
		log.error("invalid configuration", "error", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		log.error("cannot listen", "address", addr, "error", err)
		os.Exit(1)
	}
	log.info("starting", "version", version, "address", listener.Addr().String(), "go", runtime.Version())
	if err := serve(ctx, listener, newApp(version, log), shutdownTimeout); err != nil {
		log.error("stopped with an error", "error", err)
		os.Exit(1)
	}
}

// listenAddress turns the PORT setting into a listen address; empty means 8080.
func listenAddress(port string) (string, error) {
	if port == "" {
		port = defaultPort
	}
	number, err := strconv.Atoi(port)
	if err != nil || number < 1 || number > 65535 {
		return "", fmt.Errorf("PORT must be a number from 1 to 65535, got %q", port)
	}
	return ":" + strconv.Itoa(number), nil
}

// serve answers requests on the listener until ctx is done, then shuts down
// gracefully: no new connections, in-flight requests finish, websocket sessions get a
// 1001 close, all within the timeout.
func serve(ctx context.Context, listener net.Listener, a *app, timeout time.Duration) error {
	server := newHTTPServer(listener.Addr().String(), a.routes())
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		return fmt.Errorf("server stopped unexpectedly: %w", err)
	case <-ctx.Done():
	}

	a.log.info("shutting down", "timeout", timeout, "open_websockets", a.sessions.count())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	a.sessions.shutdown()
	httpErr := server.Shutdown(shutdownCtx)
	sessionsErr := a.sessions.wait(shutdownCtx)
	if err := firstError(httpErr, sessionsErr); err != nil {
		_ = server.Close()
		a.sessions.forceClose()
		return fmt.Errorf("graceful shutdown did not finish within %s: %w", timeout, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.log.info("stopped")
	return nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
