// A console error during a test fails it, unless the test expects it (mock console.error).
import { afterEach, beforeEach, vi } from 'vitest'

let errors: Array<Array<unknown>> = []
beforeEach(() => {
	errors = []
	vi.spyOn(console, 'error').mockImplementation((...args: Array<unknown>) => {
		errors.push(args)
	})
})
afterEach(() => {
	const unexpected = errors
	vi.restoreAllMocks()
	if (unexpected.length > 0) {
		throw new Error(
			`console.error was called during the test:\n${unexpected.map((a) => a.map(String).join(' ')).join('\n')}`,
		)
	}
})

/** Tests that expect console errors call this to take them over. */
export function takeConsoleErrors(): Array<Array<unknown>> {
	const taken = errors
	errors = []
	return taken
}
