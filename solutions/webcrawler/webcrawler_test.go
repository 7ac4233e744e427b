package webcrawler

import (
	"testing"

	"github.com/gokata/workbook/harness/webcrawlertest"
)

// TestWebCrawler is the judge. Run it with: make kata NAME=webcrawler
func TestWebCrawler(t *testing.T) {
	webcrawlertest.Check(t, Crawl)
}
