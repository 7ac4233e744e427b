// Package harness is the shared machinery of the workbook's judges: rapid schedules with
// learner-first verdicts, synctest bubbles, a watchdog for stuck runs, wait probes that
// tell blocking from spinning and sleep-polling, and the runner for known-bad variants.
package harness
