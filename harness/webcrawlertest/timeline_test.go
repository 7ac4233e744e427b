package webcrawlertest

import (
	"context"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	bad "github.com/gokata/workbook/solutions/webcrawler/variants/bad/serial"
)

// TestTimeline draws the timeline of bad/serial, which fetches one page at a time, on
// the Go Tour's web with parallel=2: slot 2 stays empty while /cmd/ waits. The crawl
// runs on one goroutine, so the timeline is the same on every run.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(bad.Crawl)
	wd := harness.StartWatchdog(t, pkg)
	crawl := func(ctx context.Context, startURL string, f *fake, parallel int) ([]string, error) {
		return bad.Crawl(ctx, startURL, f, parallel)
	}
	o := run(t, pkg, tourWeb(2), crawl, wd.Progress, wd.Record, map[string]bool{})
	timelinetest.Verdict(t, "testdata/timeline.json", o.tl.Attach(o.verdict), "late: a fetch waited while a slot was free; at 1ms https://golang.org/cmd/ had been discovered at 1ms")
}
