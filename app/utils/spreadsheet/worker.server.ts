// Reading an uploaded spreadsheet happens in a worker thread, so the request loop keeps
// answering everyone else while a large file is checked (ADR 009). The worker runs this very
// module: in the production build that is the server bundle (import.meta.url), in tests and
// scripts the TypeScript source through tsx. It reads one table at the lowest CPU priority,
// within a memory cap and a time limit, replies and ends.
import { setPriority } from 'node:os'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { z } from 'zod'
import {
	SpreadsheetError,
	type SpreadsheetErrorCode,
	type Table,
	type TableLimits,
} from './errors.ts'
import { readTable, type TableKind } from './table.ts'

const workerMarker = 'counter-ready:read-table'

export const workerPolicy = {
	/** Tables read at once; the other core answers requests. */
	running: 1,
	/** Uploads that may wait for their turn; more are asked to try again later. */
	waiting: 4,
	timeoutMs: 60_000,
	maxHeapMb: 256,
} as const

type Reply =
	| { ok: true; table: Table }
	| { ok: false; code: SpreadsheetErrorCode; at?: { row: number; column: number } }

const jobSchema = z.object({
	marker: z.literal(workerMarker),
	kind: z.enum(['csv', 'xlsx']),
	bytes: z.instanceof(Uint8Array),
	limits: z.object({
		maxBytes: z.number(),
		maxRows: z.number(),
		maxColumns: z.number(),
		maxCellChars: z.number(),
		maxPartBytes: z.number(),
	}),
})

function replyOf(error: unknown): Reply {
	if (error instanceof SpreadsheetError)
		return { ok: false, code: error.code, ...(error.at ? { at: error.at } : {}) }
	return { ok: false, code: 'unreadable' }
}

// Inside the worker: one job, then the thread ends.
if (!isMainThread && parentPort) {
	const job = jobSchema.safeParse(workerData)
	if (job.success) {
		const port = parentPort
		try {
			// On Linux a thread has its own nice value: this one yields to the request loop.
			setPriority(19)
		} catch {
			// Not permitted or not supported: the thread still runs, at normal priority.
		}
		readTable(job.data.kind, job.data.bytes, job.data.limits).then(
			(table) => port.postMessage({ ok: true, table } satisfies Reply),
			(error: unknown) => port.postMessage(replyOf(error)),
		)
	}
}

let running = 0
const queue: Array<() => void> = []

async function takeTurn(): Promise<() => void> {
	if (running >= workerPolicy.running) {
		if (queue.length >= workerPolicy.waiting) throw new SpreadsheetError('busy')
		await new Promise<void>((resolve) => queue.push(resolve))
	}
	running += 1
	return () => {
		running -= 1
		queue.shift()?.()
	}
}

function startWorker(kind: TableKind, bytes: Uint8Array, limits: TableLimits): Worker {
	const entry = new URL(import.meta.url)
	// Our own copy, so it can be handed over to the worker without copying again.
	const owned = new Uint8Array(bytes)
	// Source files (tests, scripts) need tsx's loader in the worker too; the built bundle does not.
	const source = entry.pathname.endsWith('.ts')
	return new Worker(
		source
			? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
			: entry,
		{
			eval: source,
			workerData: { marker: workerMarker, kind, bytes: owned, limits },
			transferList: [owned.buffer],
			resourceLimits: { maxOldGenerationSizeMb: workerPolicy.maxHeapMb },
			stdout: false,
			stderr: false,
		},
	)
}

/** Read a CSV or XLSX upload off the request loop; the same errors as readTable, plus busy/tooSlow. */
export async function readTableInWorker(
	kind: TableKind,
	bytes: Uint8Array,
	limits: TableLimits,
): Promise<Table> {
	if (bytes.length > limits.maxBytes) throw new SpreadsheetError('tooLarge')
	const done = await takeTurn()
	try {
		const worker = startWorker(kind, bytes, limits)
		const reply = await new Promise<Reply>((resolve) => {
			const timer = setTimeout(() => {
				resolve({ ok: false, code: 'tooSlow' })
				void worker.terminate()
			}, workerPolicy.timeoutMs)
			worker.once('message', (message: Reply) => {
				clearTimeout(timer)
				resolve(message)
				void worker.terminate()
			})
			worker.once('error', (error: Error & { code?: string }) => {
				clearTimeout(timer)
				// Past the heap cap: the file inflates to more than it may.
				resolve({
					ok: false,
					code: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'tooLarge' : 'unreadable',
				})
			})
			worker.once('exit', () => {
				clearTimeout(timer)
				resolve({ ok: false, code: 'unreadable' })
			})
		})
		if (!reply.ok) throw new SpreadsheetError(reply.code, reply.at)
		return reply.table
	} finally {
		done()
	}
}
