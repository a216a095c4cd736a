// An upload is read in a worker: while the largest import the limits allow is being checked,
// the server keeps answering other requests. No timing goal here (bench/import-wait.ts
// measures the wait); only that answers arrive while the import is still in progress.
import http from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { makeSite, makeUser } from '#tests/factories/people.ts'
import { largestPeopleImport } from '#tests/utils/big-import.ts'
import { copyFixtureContent } from '#tests/utils/content.ts'
import { sessionCookieFor } from '#tests/utils/requests.ts'
import {
	removeDir,
	serverDatabase,
	startServer,
	type ServerDatabase,
	type TestServer,
} from './server.ts'

let database: ServerDatabase
let server: TestServer
let contentDir: string
let adminCookie: string

beforeAll(async () => {
	database = await serverDatabase()
	await database.connect()
	const site = await makeSite({ name: '大厅', code: 'hall' })
	const admin = await makeUser({ username: 'boss', role: 'admin', siteId: site.id })
	adminCookie = await sessionCookieFor(admin.id)
	await database.disconnect()
	contentDir = await copyFixtureContent()
	server = await startServer({ database, contentDir })
})

afterAll(async () => {
	await server?.stop()
	await database?.dispose()
	await removeDir(contentDir)
})

/** Post a multipart upload; `sent` resolves once the whole body is on its way. */
function postUpload(bytes: Uint8Array) {
	const boundary = `----counter-ready-${Date.now()}`
	const body = Buffer.concat([
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.xlsx"\r\n` +
				'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
		),
		Buffer.from(bytes),
		Buffer.from(`\r\n--${boundary}--\r\n`),
	])
	let markSent: () => void = () => {}
	const sent = new Promise<void>((resolve) => (markSent = resolve))
	const answered = new Promise<{ status: number; at: number }>((resolve, reject) => {
		const request = http.request(new URL('/people/import', server.origin), {
			method: 'POST',
			headers: {
				Origin: server.origin,
				Cookie: adminCookie,
				'Content-Type': `multipart/form-data; boundary=${boundary}`,
				'Content-Length': String(body.length),
			},
		})
		request.on('response', (response) => {
			response.resume()
			response.on('end', () => resolve({ status: response.statusCode ?? 0, at: Date.now() }))
		})
		request.on('error', reject)
		request.end(body, markSent)
	})
	return { sent, answered }
}

test('other requests are answered while the largest allowed import is being checked', async () => {
	const upload = postUpload(await largestPeopleImport())
	await upload.sent
	let importDone = false
	void upload.answered.then(() => (importDone = true))
	const answeredDuringImport: Array<number> = []
	// Ask for a page again and again until the import is answered.
	while (!importDone) {
		const response = await fetch(`${server.origin}/login`)
		expect(response.status).toBe(200)
		await response.arrayBuffer()
		if (!importDone) answeredDuringImport.push(Date.now())
	}
	const result = await upload.answered
	// Every row is refused (200-character names): the file was read whole and checked.
	expect(result.status).toBe(422)
	expect(answeredDuringImport.length).toBeGreaterThan(0)
})
