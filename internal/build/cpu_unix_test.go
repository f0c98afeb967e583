//go:build unix

package build

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU returns a function that reports the processor time (user and
// system, over all threads) that each iteration took, as cpu-ms/op: on a
// shared machine it varies less than the time on the clock.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric((cpuTime()-start).Seconds()*1e3/float64(b.N), "cpu-ms/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
