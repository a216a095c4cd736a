// A server-rendered SVG line chart with labelled axes and, beside it, a table of the same numbers.
// The picture is hidden from screen readers: the table is what they read. No client code.
import { useId } from 'react'

export type LineSeries = { name: string; points: Array<{ x: string; y: number }> }

const palette = ['#0b5cad', '#b3261e', '#1b6e34', '#8a5300', '#6a1b9a', '#00695c']
const dash = ['', '6 3', '2 3', '10 4 2 4', '1 4', '8 2']
const marker = ['circle', 'square', 'diamond'] as const

/** A point mark, so a series of one day still shows and lines differ by more than colour. */
function Mark({ kind, cx, cy, color }: { kind: number; cx: number; cy: number; color: string }) {
	const shape = marker[kind % marker.length]
	if (shape === 'square') return <rect x={cx - 4} y={cy - 4} width={8} height={8} fill={color} />
	if (shape === 'diamond')
		return (
			<path d={`M${cx} ${cy - 5}L${cx + 5} ${cy}L${cx} ${cy + 5}L${cx - 5} ${cy}Z`} fill={color} />
		)
	return <circle cx={cx} cy={cy} r={4} fill={color} />
}

export function LineChart({
	title,
	series,
	xLabel,
	yLabel,
	format,
	formatX,
	formatXLong,
	empty,
}: {
	title: string
	series: Array<LineSeries>
	/** The x axis' name (dates). */
	xLabel: string
	/** The y axis' name, with its unit. */
	yLabel: string
	/** A y value (0–1) as text, e.g. a percentage. */
	format: (y: number) => string
	/** An x value as a short axis tick. */
	formatX: (x: string) => string
	/** An x value in full, for the table. */
	formatXLong: (x: string) => string
	/** Said instead of the chart when there is nothing to draw yet. */
	empty: string
}) {
	const id = useId()
	const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort()
	// Drawn at about the size it is shown (at most 32rem wide), so 15-unit text reads as ~15px on
	// a desktop and stays legible (~11px) when a phone scales the picture down.
	const width = 460
	const height = 280
	const pad = { left: 60, right: 12, top: 14, bottom: 62 }
	const plotWidth = width - pad.left - pad.right
	const x = (value: string) =>
		pad.left + (xs.length <= 1 ? plotWidth / 2 : (xs.indexOf(value) / (xs.length - 1)) * plotWidth)
	const y = (value: number) => pad.top + (1 - value) * (height - pad.top - pad.bottom)
	const step = Math.max(1, Math.ceil(xs.length / 4))
	const ticks = xs.filter(
		(_, i) => i === xs.length - 1 || (i % step === 0 && xs.length - 1 - i >= step / 2),
	)
	const tableId = `${id}-table`
	return (
		<figure className="chart" aria-labelledby={`${id}-title`}>
			<figcaption id={`${id}-title`}>{title}</figcaption>
			{xs.length === 0 ? (
				<p className="muted">{empty}</p>
			) : (
				<div className="chart-body">
					<div className="chart-plot">
						<svg
							viewBox={`0 0 ${width} ${height}`}
							aria-hidden="true"
							focusable="false"
							className="chart-svg"
						>
							{[0, 0.25, 0.5, 0.75, 1].map((tick) => (
								<g key={tick}>
									<line
										x1={pad.left}
										x2={width - pad.right}
										y1={y(tick)}
										y2={y(tick)}
										stroke="#d5dae0"
									/>
									<text
										x={pad.left - 8}
										y={y(tick) + 5}
										fontSize="15"
										textAnchor="end"
										fill="#3d444c"
									>
										{format(tick)}
									</text>
								</g>
							))}
							<line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#555d66" />
							{ticks.map((label) => (
								<g key={label}>
									<line x1={x(label)} x2={x(label)} y1={y(0)} y2={y(0) + 6} stroke="#555d66" />
									<text
										x={x(label)}
										y={y(0) + 24}
										fontSize="15"
										// The outermost dates are anchored inwards, so they are never cut off.
										textAnchor={
											xs.length > 1 && label === xs[0]
												? 'start'
												: xs.length > 1 && label === xs[xs.length - 1]
													? 'end'
													: 'middle'
										}
										fill="#3d444c"
									>
										{formatX(label)}
									</text>
								</g>
							))}
							<text
								x={pad.left + plotWidth / 2}
								y={height - 8}
								fontSize="15"
								textAnchor="middle"
								fill="#1f2328"
								className="chart-axis-label"
							>
								{xLabel}
							</text>
							<text
								x={16}
								y={pad.top + (height - pad.top - pad.bottom) / 2}
								fontSize="15"
								textAnchor="middle"
								fill="#1f2328"
								transform={`rotate(-90 16 ${pad.top + (height - pad.top - pad.bottom) / 2})`}
								className="chart-axis-label"
							>
								{yLabel}
							</text>
							{series.map((s, i) => (
								<g key={s.name}>
									<polyline
										fill="none"
										stroke={palette[i % palette.length]}
										strokeWidth="2.5"
										strokeDasharray={dash[i % dash.length]}
										points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}
									/>
									{s.points.map((p) => (
										<Mark
											key={p.x}
											kind={i}
											cx={x(p.x)}
											cy={y(p.y)}
											color={palette[i % palette.length] ?? '#000'}
										/>
									))}
								</g>
							))}
						</svg>
						<ul className="chart-legend" aria-hidden="true">
							{series.map((s, i) => (
								<li key={s.name}>
									<svg width="28" height="10">
										<line
											x1="0"
											x2="28"
											y1="5"
											y2="5"
											stroke={palette[i % palette.length]}
											strokeWidth="3"
											strokeDasharray={dash[i % dash.length]}
										/>
									</svg>{' '}
									{s.name}
								</li>
							))}
						</ul>
					</div>
					<div
						className="table-wrap chart-table"
						tabIndex={0}
						role="region"
						aria-labelledby={`${tableId}-caption`}
					>
						<table id={tableId}>
							<caption id={`${tableId}-caption`}>
								{title}（{yLabel}）
							</caption>
							<thead>
								<tr>
									<th scope="col">{xLabel}</th>
									{series.map((s) => (
										<th scope="col" key={s.name} className="num">
											{s.name}
										</th>
									))}
								</tr>
							</thead>
							<tbody>
								{[...xs].reverse().map((label) => (
									<tr key={label}>
										<th scope="row">{formatXLong(label)}</th>
										{series.map((s) => {
											const point = s.points.find((p) => p.x === label)
											return (
												<td key={s.name} className="num">
													{point ? format(point.y) : '—'}
												</td>
											)
										})}
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</div>
			)}
		</figure>
	)
}
