package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/sprintkit/sprintkit/internal/labels"
	"github.com/sprintkit/sprintkit/internal/site"
)

// TestCommandTable checks that every command in the table is reached by
// its name, answers --help with its own line of the usage, and is listed
// in the usage.
func TestCommandTable(t *testing.T) {
	all := usage()
	for _, c := range commands {
		line := strings.TrimSpace("sprintkit " + c.name + " " + c.args)
		if !strings.Contains(all, line+"\n      "+c.about+"\n") {
			t.Errorf("the usage does not list %q", line)
		}
		var stdout, stderr bytes.Buffer
		args := append(strings.Fields(c.name), "--help")
		err := run(context.Background(), args, &stdout, &stderr)
		if exitCode(err) != 0 {
			t.Errorf("%s: exit %d (%v)", strings.Join(args, " "), exitCode(err), err)
		}
		if !strings.HasPrefix(stderr.String(), line+":\n"+c.about+"\n") {
			t.Errorf("%s printed:\n%s", strings.Join(args, " "), stderr.String())
		}
	}
}

// TestLabelsCommand reads what sprintkit labels prints as TOML, as a site
// would take it into [labels]: every key is there with its text in the
// language asked for, a text with a number as a key for each form.
func TestLabelsCommand(t *testing.T) {
	for _, lang := range site.Languages.Values {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"labels", "--language", lang}, &stdout, &stderr); err != nil {
			t.Fatalf("labels --language %s: %v\n%s", lang, err, stderr.String())
		}
		var got struct{ Labels map[string]string }
		if _, err := toml.Decode(stdout.String(), &got); err != nil {
			t.Fatalf("labels --language %s printed what TOML does not read: %v", lang, err)
		}
		for _, k := range labels.Keys() {
			want, _ := labels.Text(lang, k)
			if got.Labels[k] != want {
				t.Errorf("%s: %q = %q, want %q", lang, k, got.Labels[k], want)
			}
		}
		if len(got.Labels) != len(labels.Keys()) {
			t.Errorf("%s: %d keys printed, want %d", lang, len(got.Labels), len(labels.Keys()))
		}
		// A text with a number comes as its forms, each a key of its own.
		for _, f := range labels.Forms {
			if k := "card.customers." + f; got.Labels[k] == "" {
				t.Errorf("%s: no %q printed", lang, k)
			}
		}
	}
}
