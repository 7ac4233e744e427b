package refereequeuetest

import "time"

// A Start is when the verification of a user began, in fake time since the start of a
// run.
type Start struct {
	User int
	At   time.Duration
}

// A job is a user as the model sees it: when Enqueue was called and how long verify
// takes.
type job struct {
	user    int
	arrival time.Duration
	service time.Duration
}

// ideal plays jobs, in the order given (the order they were enqueued), through an ideal
// first-come-first-served queue with the given number of referees: each user starts at
// max(arrival, the earliest time a referee is free) on that referee. It returns each
// start and, for each job, the earliest time a referee was free when its turn came.
func ideal(referees int, jobs []job) (starts []Start, free []time.Duration) {
	busyUntil := make([]time.Duration, referees) // zero: free since the start
	for _, j := range jobs {
		r := 0
		for i, t := range busyUntil {
			if t < busyUntil[r] {
				r = i
			}
		}
		at := max(j.arrival, busyUntil[r])
		free = append(free, busyUntil[r])
		busyUntil[r] = at + j.service
		starts = append(starts, Start{User: j.user, At: at})
	}
	return starts, free
}
