package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHome_showsTheBuildVersion(t *testing.T) {
	a := newApp("4.5.6-abc1234", newLogger(io.Discard))
	response := httptest.NewRecorder()
	a.routes().ServeHTTP(response, httptest.NewRequest(http.MethodGet, "/", nil))

	if response.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", response.Code)
	}
	if got := response.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Fatalf("Content-Type = %q", got)
	}
	body := response.Body.String()
	if !strings.Contains(body, `<code id="version">4.5.6-abc1234</code>`) {
		t.Fatalf("home page does not show the version:\n%s", body)
	}
	if !strings.Contains(body, `"/ws"`) {
		t.Fatalf("home page does not wire the websocket demo:\n%s", body)
	}
}

func TestHome_escapesTheVersion(t *testing.T) {
	a := newApp("<script>alert(1)</script>", newLogger(io.Discard))
	response := httptest.NewRecorder()
	a.routes().ServeHTTP(response, httptest.NewRequest(http.MethodGet, "/", nil))

	if strings.Contains(response.Body.String(), "<script>alert(1)</script>") {
		t.Fatal("the version reached the page unescaped")
	}
}

func TestHome_unknownPathIs404AndPostIs405(t *testing.T) {
	handler := newApp("dev", newLogger(io.Discard)).routes()
	cases := []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/nope", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusMethodNotAllowed},
		{http.MethodHead, "/", http.StatusOK},
	}
	for _, tc := range cases {
		response := httptest.NewRecorder()
		handler.ServeHTTP(response, httptest.NewRequest(tc.method, tc.path, nil))
		if response.Code != tc.status {
			t.Errorf("%s %s: status = %d, want %d", tc.method, tc.path, response.Code, tc.status)
		}
	}
}

func TestHealth_getAndHeadAnswerOK(t *testing.T) {
	server := httptest.NewServer(newApp("dev", newLogger(io.Discard)).routes())
	defer server.Close()

	get, err := http.Get(server.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(get.Body)
	get.Body.Close()
	if get.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Fatalf("GET /health = %d %q, want 200 \"ok\"", get.StatusCode, body)
	}
	if got := get.Header.Get("Content-Type"); got != "text/plain; charset=utf-8" {
		t.Fatalf("Content-Type = %q", got)
	}

	head, err := http.Head(server.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK {
		t.Fatalf("HEAD /health = %d, want 200", head.StatusCode)
	}
}

func TestHealth_otherMethodsAre405(t *testing.T) {
	response := httptest.NewRecorder()
	newApp("dev", newLogger(io.Discard)).routes().ServeHTTP(response, httptest.NewRequest(http.MethodPost, "/health", nil))
	if response.Code != http.StatusMethodNotAllowed || response.Header().Get("Allow") != "GET, HEAD" {
		t.Fatalf("POST /health = %d Allow %q", response.Code, response.Header().Get("Allow"))
	}
}

func TestAccessLog_recordsEveryRequestAsJSON(t *testing.T) {
	logs := &syncBuffer{}
	a := newApp("dev", newLogger(logs))
	request := httptest.NewRequest(http.MethodGet, "/health?probe=1", nil)
	request.Header.Set("User-Agent", "ELB-HealthChecker/2.0")
	a.routes().ServeHTTP(httptest.NewRecorder(), request)

	line := logs.String()
	for _, want := range []string{`"level":"info"`, `"msg":"request"`, `"method":"GET"`, `"path":"/health"`,
		`"status":200`, `"bytes":2`, `"user_agent":"ELB-HealthChecker/2.0"`} {
		if !strings.Contains(line, want) {
			t.Errorf("access log lacks %s: %s", want, line)
		}
	}
	if strings.Contains(line, "probe=1") {
		t.Errorf("access log holds the query string, which may carry secrets: %s", line)
	}
}
