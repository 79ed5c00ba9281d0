package serve

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"
)

// Timeouts of a Server whose fields are 0.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = time.Minute
	DefaultWriteTimeout      = 2 * time.Minute
	DefaultIdleTimeout       = 2 * time.Minute
	DefaultShutdownTimeout   = 10 * time.Second
)

// A Server serves a Handler on a listener with timeouts, so that a slow
// or silent client cannot hold a connection for ever, and shuts down
// gracefully: when its context ends it stops accepting connections and
// waits for the requests in progress.
type Server struct {
	Handler http.Handler
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are
	// those of http.Server; 0 means the Default of each.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// ShutdownTimeout is how long a shutdown waits for the requests in
	// progress; 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// ErrorLog, if not nil, is told of connection errors.
	ErrorLog *log.Logger
}

// Serve serves on l until ctx ends, then shuts down gracefully. It
// returns nil after a shutdown that finished in time.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	or := func(d, def time.Duration) time.Duration {
		if d > 0 {
			return d
		}
		return def
	}
	hs := &http.Server{
		Handler:           s.Handler,
		ReadHeaderTimeout: or(s.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       or(s.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      or(s.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       or(s.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.ErrorLog,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(l) }()
	select {
	case err := <-done:
		return fmt.Errorf("serving on %s: %w", l.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), or(s.ShutdownTimeout, DefaultShutdownTimeout))
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// IsLoopback reports whether a listening address ("host:port") takes
// connections from this machine only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
