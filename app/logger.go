package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// logger writes one JSON object per line, so log shippers (journald, CloudWatch agent)
// can parse every field without guessing. The standard library of Go 1.19 has no
// structured logger, hence this small one.
type logger struct {
	mu  sync.Mutex
	out io.Writer
	now func() time.Time
}

func newLogger(out io.Writer) *logger {
	return &logger{out: out, now: time.Now}
}

func (l *logger) info(msg string, keyValues ...any) {
	l.write("info", msg, keyValues)
}

func (l *logger) error(msg string, keyValues ...any) {
	l.write("error", msg, keyValues)
}

// write renders time, level and msg first, then the key/value pairs in the order given.
func (l *logger) write(level, msg string, keyValues []any) {
	var line bytes.Buffer
	line.WriteByte('{')
	writeField(&line, "time", l.now().UTC().Format(time.RFC3339Nano))
	line.WriteByte(',')
	writeField(&line, "level", level)
	line.WriteByte(',')
	writeField(&line, "msg", msg)
	for i := 0; i < len(keyValues); i += 2 {
		key := fmt.Sprint(keyValues[i])
		var value any = "(missing)"
		if i+1 < len(keyValues) {
			value = keyValues[i+1]
		}
		line.WriteByte(',')
		writeField(&line, key, value)
	}
	line.WriteString("}\n")

	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.out.Write(line.Bytes())
}

func writeField(line *bytes.Buffer, key string, value any) {
	if err, ok := value.(error); ok {
		value = err.Error()
	}
	if d, ok := value.(time.Duration); ok {
		value = d.String()
	}
	encodedKey, _ := json.Marshal(key)
	encodedValue, err := json.Marshal(value)
	if err != nil {
		encodedValue, _ = json.Marshal(fmt.Sprint(value))
	}
	line.Write(encodedKey)
	line.WriteByte(':')
	line.Write(encodedValue)
}
