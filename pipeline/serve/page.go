package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/report"
)

// pageFiles are the page's files: no build step, nothing from elsewhere.
//
//go:embed page/index.html page/page.js page/page.css
var pageFiles embed.FS

var pageTemplate = template.Must(template.ParseFS(pageFiles, "page/index.html"))

// pageCSP lets the page load only its own files and call only its own
// API: no inline script runs, even if markup got into the page.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// page answers GET / and the page's files.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s needs GET, not %s", r.URL.Path, r.Method))
		return
	}
	var body []byte
	var ct string
	switch r.URL.Path {
	case "/", "/index.html":
		var buf bytes.Buffer
		if err := pageTemplate.Execute(&buf, struct{ Langs []string }{normalize.Languages()}); err != nil {
			writeError(w, http.StatusInternalServerError, "writing the page: "+err.Error())
			return
		}
		body, ct = buf.Bytes(), "text/html; charset=utf-8"
	case "/page.js":
		body, _ = pageFiles.ReadFile("page/page.js")
		ct = "text/javascript; charset=utf-8"
	case "/page.css":
		body, _ = pageFiles.ReadFile("page/page.css")
		ct = "text/css; charset=utf-8"
	case "/report.css":
		body, ct = []byte(report.HTMLStyle()), "text/css; charset=utf-8"
	default:
		writeError(w, http.StatusNotFound, fmt.Sprintf("no page %s", r.URL.Path))
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("X-Frame-Options", "DENY")
	write(w, ct, body)
}

// html answers POST /v1/html: the document's section of the HTML
// report, for the page.
func (h *Handler) html(w http.ResponseWriter, res *result) error {
	var buf bytes.Buffer
	err := report.HTMLSection(&buf, report.HTMLDoc{Name: res.name, Result: res.r}, report.HTMLOptions{Rules: h.rules})
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return write(w, "text/html; charset=utf-8", buf.Bytes())
}
