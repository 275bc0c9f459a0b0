/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The one-person shift (ワンオペ): one waiter, three customers who think for 1, 2 and 3 s.
 * Stepped with reveal.js fragments: at each `await` the waiter moves on to the next customer.
 */
import { Arrow, AWAIT, Bubble, CUSTOMER, frag, INK, Label, type Lang, MUTED, OK, Person, SOFT, t, SVG_STYLE, WAITER } from './svg-bits';

const CUSTOMERS = [
  { name: 'A', secs: 1, x: 170 },
  { name: 'B', secs: 2, x: 480 },
  { name: 'C', secs: 3, x: 790 },
];
const HEAD_Y = 130;
const WAITER_X = 480;
const WAITER_Y = 345;

export function OneWaiter(props: { lang?: Lang }) {
  const { lang } = props;
  const aria = t(
    lang,
    '店員さん1人が3人のお客さんを担当する図。Aに注文を聞くと「ちょっと待ってね」(await)、店員はすぐBへ、次にCへ。1秒後にA、2秒後にB、3秒後にCが「ざるそば」と注文し、全員分が3秒で終わる。',
    'One waiter serving three customers. A says "one moment" (await), so the waiter moves straight on to B, then C. A orders zaru soba at 1 s, B at 2 s, C at 3 s: everyone is served in 3 s.',
  );
  const captions = [
    t(lang, 'A「ちょっと待ってね」→ await → 店員は B へ', 'A: "one moment" → await → the waiter moves on to B'),
    t(lang, 'B も await → 店員は C へ', 'B awaits too → on to C'),
    t(lang, '3人とも考え中。店員は待つだけ', 'All three are thinking; the waiter just waits'),
    t(lang, '1 秒: A が決まった → 注文を受ける', '1 s: A is ready → take the order'),
    t(lang, '2 秒: B', '2 s: B'),
    t(lang, '3 秒: C — 合計 3 秒（1+2+3 = 6 秒ではない）', '3 s: C — 3 s in total (not 1+2+3 = 6 s)'),
  ];
  return (
    <svg viewBox="0 0 960 540" width="100%" style={SVG_STYLE} role="img" aria-label={aria} class="diagram one-waiter">
      <title>{aria}</title>
      {/* customers, their tables and thinking times */}
      {CUSTOMERS.map((c) => (
        <g>
          <Person x={c.x} y={HEAD_Y} color={CUSTOMER} />
          <rect x={c.x - 70} y={HEAD_Y + 70} width={140} height={18} rx={6} fill={SOFT} stroke={MUTED} stroke-width={2} />
          <Label x={c.x} y={HEAD_Y + 112} text={t(lang, `${c.name}さん（${c.secs} 秒考える）`, `${c.name} (thinks ${c.secs} s)`)} size={22} color={INK} />
        </g>
      ))}
      {/* the waiter */}
      <Person x={WAITER_X} y={WAITER_Y} color={WAITER} apron />
      <Label x={WAITER_X} y={WAITER_Y + 102} text={t(lang, '店員さん（1人 = ワンオペ）', 'the waiter (only one)')} size={22} weight={700} color={WAITER} />
      <Bubble x={WAITER_X - 190} y={WAITER_Y} w={180} text={t(lang, 'ご注文は？', 'Your order?')} color={WAITER} />

      {/* steps 1–3: ask, hear "one moment", move on at the await */}
      {CUSTOMERS.map((c, i) => (
        <g>
          <g {...frag(i + 1, 'fade-in-then-out')}>
            <Arrow x1={WAITER_X} y1={WAITER_Y - 30} x2={c.x + (WAITER_X - c.x) * 0.1} y2={HEAD_Y + 134} color={WAITER} width={4} />
          </g>
          <g {...frag(4 + i, 'fade-out')}>
            <g {...frag(i + 1)}>
              <Bubble x={c.x} y={HEAD_Y - 78} w={230} text={t(lang, 'ちょっと待ってね', 'one moment…')} color={CUSTOMER} />
              <rect x={c.x + 40} y={HEAD_Y - 40} width={86} height={30} rx={8} fill={AWAIT} />
              <Label x={c.x + 83} y={HEAD_Y - 24} text="await" size={20} color="#fff" weight={700} mono />
            </g>
          </g>
        </g>
      ))}

      {/* steps 4–6: each customer is ready after 1, 2, 3 s */}
      {CUSTOMERS.map((c, i) => (
        <g>
          <g {...frag(4 + i)}>
            <Bubble x={c.x} y={HEAD_Y - 78} w={230} text={t(lang, `ざるそば！（${c.secs} 秒）`, `zaru soba! (${c.secs} s)`)} color={OK} fill="#ebfbee" />
          </g>
          <g {...frag(4 + i, 'fade-in-then-out')}>
            <Arrow x1={c.x + (WAITER_X - c.x) * 0.1} y1={HEAD_Y + 134} x2={WAITER_X} y2={WAITER_Y - 30} color={OK} width={4} />
          </g>
        </g>
      ))}

      {/* one caption per step */}
      {captions.map((text, i) => (
        <g {...frag(i + 1, 'fade-in-then-out')}>
          <Label x={WAITER_X} y={515} text={text} size={24} color={i < 3 ? AWAIT : OK} weight={700} />
        </g>
      ))}
    </svg>
  );
}
