package semaphore

import (
	"context"

	"golang.org/x/sync/errgroup"
	xsem "golang.org/x/sync/semaphore"
)

type Weighted struct{ s *xsem.Weighted }

var _ = context.Background
var _ errgroup.Group
