// The parts of autocannon the bench uses (the package ships no types).
declare module 'autocannon' {
	type Histogram = { average: number; p50: number; p99: number; total: number }
	type Result = {
		requests: Histogram
		latency: Histogram
		throughput: Histogram
		non2xx: number
		errors: number
	}
	type RawRequest = { path?: string; method?: string; headers?: Record<string, string> }
	type Options = {
		url: string
		connections?: number
		duration?: number
		headers?: Record<string, string>
		requests?: Array<{
			setupRequest?: (request: RawRequest, context: object) => RawRequest
			onResponse?: (
				status: number,
				body: string,
				context: object,
				headers: Record<string, string | Array<string>>,
			) => void
		}>
	}
	export default function autocannon(options: Options): Promise<Result>
}
