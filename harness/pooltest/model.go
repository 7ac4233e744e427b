package pooltest

import "time"

// A Start is when a task began to run, in fake time since the start of a run.
type Start struct {
	Task int
	At   time.Duration
}

// A job is a task as the model sees it: when Submit was called and how long it ran.
type job struct {
	task    int
	arrival time.Duration
	run     time.Duration
}

// ideal plays jobs, in the order given (the order they were submitted), through an
// ideal pool of workers that serves its queue first come, first served: each task
// starts at max(submission, the earliest time a worker is free). It returns each start
// and, for each job, the earliest time a worker was free when its turn came.
func ideal(workers int, jobs []job) (starts []Start, free []time.Duration) {
	busyUntil := make([]time.Duration, workers) // zero: free since the start
	for _, j := range jobs {
		w := 0
		for i, t := range busyUntil {
			if t < busyUntil[w] {
				w = i
			}
		}
		at := max(j.arrival, busyUntil[w])
		free = append(free, busyUntil[w])
		busyUntil[w] = at + j.run
		starts = append(starts, Start{Task: j.task, At: at})
	}
	return starts, free
}
