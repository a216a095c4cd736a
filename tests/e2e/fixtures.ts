// Playwright fixtures: sign in as a demo account by creating a session (no typing), and fail a
// test on any console error the page prints.
import { test as base, expect } from '@playwright/test'

export const test = base.extend<{
	signInAs: (username: string, to?: string) => Promise<void>
	consoleErrors: Array<string>
}>({
	consoleErrors: async ({ page }, use) => {
		const errors: Array<string> = []
		page.on('console', (message) => {
			// A 4xx answer to a form post (a refused sign-in, a 403 page) is expected behaviour;
			// the browser still logs it. Server errors (5xx) and script errors are not ignored.
			if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
				errors.push(message.text())
		})
		page.on('pageerror', (error) => errors.push(error.message))
		await use(errors)
		expect(errors, 'console errors on the page').toEqual([])
	},
	signInAs: async ({ page, consoleErrors: _ }, use) => {
		await use(async (username, to = '/') => {
			await page.goto(
				`/test-hooks/session?username=${encodeURIComponent(username)}&to=${encodeURIComponent(to)}`,
			)
		})
	},
})

export { expect }
