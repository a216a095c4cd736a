// Load generation for the bench: autocannon at a number of connections, each request's path and
// headers chosen by the caller (so every request can be another clerk or another lesson), the
// responses counted by a header (X-Page-Cache: hit / miss).
import autocannon from 'autocannon'

export type LoadResult = {
	requestsPerSecond: number
	latencyP50Ms: number
	latencyP99Ms: number
	requests: number
	non2xx: number
	errors: number
	/** Responses per value of the counted header ('' when absent). */
	byHeader: Record<string, number>
	/** Mean response body size in bytes. */
	meanBytes: number
}

export async function load(options: {
	base: string
	connections: number
	seconds: number
	/** The i-th request of the run. */
	next: (i: number) => { path: string; headers?: Record<string, string> }
	countHeader?: string
}): Promise<LoadResult> {
	let i = 0
	const byHeader: Record<string, number> = {}
	const countHeader = options.countHeader?.toLowerCase()
	const result = await autocannon({
		url: options.base,
		connections: options.connections,
		duration: options.seconds,
		requests: [
			{
				setupRequest: (request) => {
					const { path, headers } = options.next(i++)
					return { ...request, path, headers: { ...request.headers, ...headers } }
				},
				onResponse: (_status, _body, _context, headers) => {
					if (!countHeader) return
					const name = Object.keys(headers).find((h) => h.toLowerCase() === countHeader)
					const value = String((name && headers[name]) ?? '')
					byHeader[value] = (byHeader[value] ?? 0) + 1
				},
			},
		],
	})
	return {
		requestsPerSecond: Math.round(result.requests.average * 10) / 10,
		latencyP50Ms: result.latency.p50,
		latencyP99Ms: result.latency.p99,
		requests: result.requests.total,
		non2xx: result.non2xx,
		errors: result.errors,
		byHeader,
		meanBytes:
			result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
	}
}
