package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// instruction is one Dockerfile instruction with its continuation lines joined.
type instruction struct {
	keyword string
	args    string
}

func readDockerfile(t *testing.T) []instruction {
	t.Helper()
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var result []instruction
	pending := ""
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if pending == "" && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			pending += strings.TrimSuffix(trimmed, "\\") + " "
			continue
		}
		full := pending + trimmed
		pending = ""
		fields := strings.SplitN(full, " ", 2)
		args := ""
		if len(fields) == 2 {
			args = strings.TrimSpace(fields[1])
		}
		result = append(result, instruction{strings.ToUpper(fields[0]), args})
	}
	return result
}

// finalStage returns the instructions after the last FROM, and that FROM's image.
func finalStage(t *testing.T, all []instruction) (string, []instruction) {
	t.Helper()
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].keyword == "FROM" {
			return strings.Fields(all[i].args)[0], all[i+1:]
		}
	}
	t.Fatal("Dockerfile has no FROM")
	return "", nil
}

func only(t *testing.T, stage []instruction, keyword string) string {
	t.Helper()
	var found []string
	for _, in := range stage {
		if in.keyword == keyword {
			found = append(found, in.args)
		}
	}
	if len(found) != 1 {
		t.Fatalf("final stage has %d %s instructions, want 1: %q", len(found), keyword, found)
	}
	return found[0]
}

func execForm(t *testing.T, keyword, text string) []string {
	t.Helper()
	var words []string
	if err := json.Unmarshal([]byte(text), &words); err != nil {
		t.Fatalf("%s %s is not in exec (JSON) form: %v", keyword, text, err)
	}
	return words
}

func TestDockerfile_everyBaseImageIsPinnedByTag(t *testing.T) {
	for _, in := range readDockerfile(t) {
		if in.keyword != "FROM" {
			continue
		}
		image := strings.Fields(in.args)[0]
		name := image[strings.LastIndex(image, "/")+1:]
		tag := ""
		if i := strings.Index(name, ":"); i >= 0 {
			tag = name[i+1:]
		}
		if tag == "" || tag == "latest" || strings.Contains(image, "$") {
			t.Errorf("FROM %s: pin the base image by a release tag", image)
		}
	}
}

func TestDockerfile_runsTheStaticBinaryAsANumericNonRootUser(t *testing.T) {
	image, stage := finalStage(t, readDockerfile(t))
	if !strings.HasPrefix(image, "gcr.io/distroless/static-") || !strings.HasSuffix(image, ":nonroot") {
		t.Errorf("final base image %s, want distroless static (nonroot)", image)
	}
	user := only(t, stage, "USER")
	if !regexp.MustCompile(`^[0-9]+:[0-9]+$`).MatchString(user) {
		t.Fatalf("USER %s, want numeric uid:gid so the runtime can verify it is not root", user)
	}
	for _, id := range strings.Split(user, ":") {
		if id == "0" {
			t.Errorf("USER %s runs as root", user)
		}
	}
	entrypoint := execForm(t, "ENTRYPOINT", only(t, stage, "ENTRYPOINT"))
	copied := strings.Fields(only(t, stage, "COPY"))
	if copied[0] != "--from=build" || copied[len(copied)-1] != entrypoint[0] {
		t.Errorf("COPY %v does not put the built binary at the ENTRYPOINT %s", copied, entrypoint[0])
	}
	var build string
	for _, in := range readDockerfile(t) {
		if in.keyword == "RUN" && strings.Contains(in.args, "go build") {
			build = in.args
		}
	}
	for _, want := range []string{"CGO_ENABLED=0", "-buildvcs=false", "-trimpath", "-X main.version="} {
		if !strings.Contains(build, want) {
			t.Errorf("the go build step lacks %s: %s", want, build)
		}
	}
}

func TestDockerfile_portExposedAndHealthCheckedAgreeWithTheApp(t *testing.T) {
	_, stage := finalStage(t, readDockerfile(t))
	if env := only(t, stage, "ENV"); env != "PORT="+defaultPort {
		t.Errorf("ENV %s, want PORT=%s", env, defaultPort)
	}
	if exposed := only(t, stage, "EXPOSE"); exposed != defaultPort {
		t.Errorf("EXPOSE %s, want %s (the app's default port)", exposed, defaultPort)
	}
	check := only(t, stage, "HEALTHCHECK")
	at := strings.Index(check, "CMD ")
	if at < 0 {
		t.Fatalf("HEALTHCHECK %s has no CMD", check)
	}
	command := execForm(t, "HEALTHCHECK CMD", check[at+4:])
	entrypoint := execForm(t, "ENTRYPOINT", only(t, stage, "ENTRYPOINT"))
	if command[0] != entrypoint[0] || !healthcheckRequested(command[1:]) {
		t.Errorf("HEALTHCHECK CMD %q must run %s -healthcheck", command, entrypoint[0])
	}
	timeout := regexp.MustCompile(`--timeout=([0-9]+)s`).FindStringSubmatch(check)
	if timeout == nil {
		t.Fatalf("HEALTHCHECK %s sets no --timeout in seconds", check)
	}
	seconds, _ := strconv.Atoi(timeout[1])
	if time.Duration(seconds)*time.Second <= healthcheckTimeout {
		t.Errorf("HEALTHCHECK --timeout=%ss must exceed the probe's own %s", timeout[1], healthcheckTimeout)
	}
}
