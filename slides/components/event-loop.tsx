/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The event loop with coroutines and tasks: tasks sit on the loop, the waiter (the loop)
 * runs one of them until its await has to wait. A bare coroutine outside the loop does nothing until
 * create_task() registers it (two fragment steps).
 */
import { Arrow, AWAIT, CUSTOMER, frag, INK, Label, type Lang, MUTED, Person, SOFT, t, SVG_STYLE, WAITER } from './svg-bits';

const CX = 600;
const CY = 270;
const R = 180;

function at(deg: number): [number, number] {
  const a = (deg * Math.PI) / 180;
  return [CX + R * Math.cos(a), CY + R * Math.sin(a)];
}

function TaskCard(props: { deg: number; name: string; coro: string; state: string; running?: boolean; dashed?: boolean }) {
  const [x, y] = at(props.deg);
  const color = props.running ? WAITER : CUSTOMER;
  return (
    <g>
      <rect x={x - 110} y={y - 42} width={220} height={84} rx={12} fill="#fff" stroke={color} stroke-width={props.running ? 5 : 3} stroke-dasharray={props.dashed ? '8 6' : undefined} />
      <Label x={x - 96} y={y - 22} text={props.name} size={19} weight={700} color={color} anchor="start" />
      <Label x={x + 96} y={y - 22} text={props.state} size={17} weight={700} color={props.running ? WAITER : AWAIT} anchor="end" />
      <rect x={x - 98} y={y - 4} width={196} height={34} rx={8} fill={SOFT} stroke={MUTED} stroke-width={1.5} />
      <Label x={x} y={y + 13} text={props.coro} size={16} mono />
    </g>
  );
}

function RingArrowHead(props: { deg: number }) {
  const [x, y] = at(props.deg);
  const a = (props.deg * Math.PI) / 180;
  // clockwise tangent in SVG coordinates
  const tx = -Math.sin(a);
  const ty = Math.cos(a);
  const nx = Math.cos(a);
  const ny = Math.sin(a);
  const pts = [
    [x + tx * 12, y + ty * 12],
    [x - tx * 8 + nx * 10, y - ty * 8 + ny * 10],
    [x - tx * 8 - nx * 10, y - ty * 8 - ny * 10],
  ];
  return <polygon points={pts.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ')} fill={MUTED} />;
}

export function EventLoop(props: { lang?: Lang }) {
  const { lang } = props;
  const running = t(lang, '▶ 実行中', '▶ running');
  const waiting = t(lang, '‖ await 中', '‖ awaiting');
  const aria = t(
    lang,
    'イベントループの図。輪の上に3つのタスクがあり、それぞれがコルーチンを包んでいる。真ん中の店員（イベントループ）は1つのタスクだけを実行し、そのタスクが await で待ちに入ると次のタスクへ切り替える。輪の外のコルーチンは呼んだだけでは動かず、create_task() でループに登録されて初めて動く。',
    'The event loop. Three tasks sit on the loop, each wrapping a coroutine. The waiter in the middle (the event loop) runs one task at a time and moves to the next when that task has to wait at an await. A coroutine outside the loop does nothing until create_task() registers it.',
  );
  return (
    <svg viewBox="0 0 960 520" width="100%" style={SVG_STYLE} role="img" aria-label={aria} class="diagram event-loop">
      <title>{aria}</title>
      <circle cx={CX} cy={CY} r={R} fill="none" stroke={MUTED} stroke-width={4} stroke-dasharray="14 10" />
      <RingArrowHead deg={-30} />
      <RingArrowHead deg={90} />
      <RingArrowHead deg={250} />
      <Person x={CX} y={210} color={WAITER} scale={0.75} apron />
      <Label x={CX} y={285} text={t(lang, 'イベントループ', 'the event loop')} size={22} weight={700} color={WAITER} />
      <Label x={CX} y={309} text="asyncio.run(main())" size={16} mono color={INK} />

      <TaskCard deg={-90} name="Task A" coro="think_and_order(1)" state={running} running />
      <TaskCard deg={30} name="Task B" coro="think_and_order(2)" state={waiting} />
      <TaskCard deg={150} name="Task C" coro="think_and_order(3)" state={waiting} />

      <g {...frag(1)}>
        <rect x={10} y={150} width={190} height={60} rx={10} fill={SOFT} stroke={INK} stroke-width={2.5} stroke-dasharray="4 4" />
        <Label x={105} y={180} text="think_and_order(4)" size={16} mono />
        <Label x={105} y={235} text={t(lang, 'コルーチン', 'a coroutine')} size={20} weight={700} />
        <Label x={105} y={262} text={t(lang, '呼んだだけ: まだ動かない', 'just called: not running')} size={17} color={MUTED} />
      </g>
      <g {...frag(2)}>
        <Arrow x1={204} y1={180} x2={330} y2={180} color={CUSTOMER} width={4} />
        <Label x={267} y={160} text="create_task()" size={16} mono color={CUSTOMER} weight={700} />
        <TaskCard deg={210} name="Task D" coro="think_and_order(4)" state={t(lang, '登録済み', 'scheduled')} dashed />
      </g>

      <Label x={20} y={455} text={t(lang, '▶ 店員が今いるのは 1 つのタスクだけ', '▶ the waiter is at one task at a time')} size={19} anchor="start" />
      <Label x={20} y={487} text={t(lang, '‖ await で手を離す → 次のタスクへ', '‖ at await it lets go → next task')} size={19} anchor="start" />
    </svg>
  );
}
