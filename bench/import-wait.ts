// How long other requests wait while the largest people import the limits allow is checked:
// a page asked for over and over, one request at a time, before and during the import.
import { largestPeopleImport } from '#tests/utils/big-import.ts'

const percentile = (values: Array<number>, p: number) => {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

function summary(latencies: Array<number>) {
	return {
		requests: latencies.length,
		p50Ms: round(percentile(latencies, 0.5)),
		p95Ms: round(percentile(latencies, 0.95)),
		maxMs: round(Math.max(0, ...latencies)),
	}
}

async function timedGet(url: string): Promise<number> {
	const started = performance.now()
	const response = await fetch(url)
	await response.arrayBuffer()
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
	return performance.now() - started
}

export async function measureImportWait(
	base: string,
	adminCookie: string,
	rounds = 3,
): Promise<{
	fileKilobytes: number
	importSeconds: Array<number>
	idle: ReturnType<typeof summary>
	duringImport: ReturnType<typeof summary>
}> {
	const file = await largestPeopleImport()
	const probe = `${base}/login`
	for (let i = 0; i < 20; i++) await timedGet(probe)
	const idle: Array<number> = []
	for (let i = 0; i < 200; i++) idle.push(await timedGet(probe))

	const during: Array<number> = []
	const importSeconds: Array<number> = []
	for (let attempt = 0; attempt < rounds; attempt++) {
		const form = new FormData()
		form.set('file', new File([file], 'people.xlsx'))
		const started = performance.now()
		let done = false
		const upload = fetch(`${base}/people/import`, {
			method: 'POST',
			headers: { Cookie: adminCookie, Origin: base },
			body: form,
		}).then(async (response) => {
			await response.arrayBuffer()
			done = true
			return response.status
		})
		while (!done) {
			const latency = await timedGet(probe)
			if (!done) during.push(latency)
		}
		const status = await upload
		if (status !== 422)
			throw new Error(`the import answered ${status}, expected 422 (every row refused)`)
		importSeconds.push(round((performance.now() - started) / 1000, 2))
	}
	return {
		fileKilobytes: Math.round(file.length / 1024),
		importSeconds,
		idle: summary(idle),
		duringImport: summary(during),
	}
}
