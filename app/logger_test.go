package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLogger_writesOneJSONObjectPerLineWithFieldsInOrder(t *testing.T) {
	logs := &syncBuffer{}
	log := newLogger(logs)
	log.now = func() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC) }

	log.info("started", "port", 8080, "wait", 1500*time.Millisecond)
	log.error("failed", "error", errors.New("boom"), "dangling")

	lines := strings.Split(strings.TrimSuffix(logs.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), logs)
	}
	want := `{"time":"2024-05-06T07:08:09Z","level":"info","msg":"started","port":8080,"wait":"1.5s"}`
	if lines[0] != want {
		t.Fatalf("line = %s\nwant   %s", lines[0], want)
	}
	var second map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatalf("second line is not JSON: %v", err)
	}
	if second["level"] != "error" || second["error"] != "boom" || second["dangling"] != "(missing)" {
		t.Fatalf("second line = %v", second)
	}
}
