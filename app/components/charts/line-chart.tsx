// A server-rendered SVG line chart with its data as a table for screen readers (and anyone who
// prefers numbers). No client code.
import { useId } from 'react'

export type LineSeries = { name: string; points: Array<{ x: string; y: number }> }

const palette = ['#0b5cad', '#b3261e', '#1b6e34', '#8a5300', '#6a1b9a', '#00695c']
const dash = ['', '6 3', '2 3', '10 4 2 4', '1 4', '8 2']

export function LineChart({
	title,
	series,
	yLabel,
	format,
	tableCaption,
}: {
	title: string
	series: Array<LineSeries>
	yLabel: string
	format: (y: number) => string
	tableCaption: string
}) {
	const id = useId()
	const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort()
	const width = 640
	const height = 240
	const pad = { left: 48, right: 16, top: 12, bottom: 32 }
	const x = (value: string) =>
		pad.left +
		(xs.length <= 1 ? 0 : (xs.indexOf(value) / (xs.length - 1)) * (width - pad.left - pad.right))
	const y = (value: number) => pad.top + (1 - value) * (height - pad.top - pad.bottom)
	return (
		<figure className="chart" aria-labelledby={`${id}-title`}>
			<figcaption id={`${id}-title`}>{title}</figcaption>
			{xs.length === 0 ? null : (
				<svg
					viewBox={`0 0 ${width} ${height}`}
					role="img"
					aria-labelledby={`${id}-title`}
					aria-describedby={`${id}-table`}
					style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }}
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
							<text x={pad.left - 6} y={y(tick) + 4} fontSize="11" textAnchor="end" fill="#555d66">
								{format(tick)}
							</text>
						</g>
					))}
					{xs
						.filter((_, i) => i === 0 || i === xs.length - 1 || i % Math.ceil(xs.length / 6) === 0)
						.map((label) => (
							<text
								key={label}
								x={x(label)}
								y={height - 10}
								fontSize="11"
								textAnchor="middle"
								fill="#555d66"
							>
								{label.slice(5)}
							</text>
						))}
					{series.map((s, i) => (
						<polyline
							key={s.name}
							fill="none"
							stroke={palette[i % palette.length]}
							strokeWidth="2.5"
							strokeDasharray={dash[i % dash.length]}
							points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}
						/>
					))}
					<text
						x={12}
						y={pad.top + 4}
						fontSize="11"
						fill="#555d66"
						transform={`rotate(-90 12 ${pad.top + 4})`}
						textAnchor="end"
					>
						{yLabel}
					</text>
				</svg>
			)}
			<ul className="chart-legend">
				{series.map((s, i) => (
					<li key={s.name}>
						<svg width="28" height="10" aria-hidden="true">
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
			<details>
				<summary>{tableCaption}</summary>
				<div className="table-wrap" tabIndex={0}>
					<table id={`${id}-table`}>
						<caption className="sr-only">{title}</caption>
						<thead>
							<tr>
								<th scope="col">—</th>
								{series.map((s) => (
									<th scope="col" key={s.name}>
										{s.name}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{xs.map((label) => (
								<tr key={label}>
									<th scope="row">{label}</th>
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
			</details>
		</figure>
	)
}
