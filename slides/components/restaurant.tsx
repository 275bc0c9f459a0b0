/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Concurrency as a restaurant: three customers, each needs "take the order → cook → serve".
 * Step 1 reveals that in asyncio one and the same person does all of it (single thread = ワンオペ).
 */
import { Arrow, Box, CUSTOMER, frag, Label, type Lang, MUTED, Person, SOFT, t, SVG_STYLE, WAITER } from './svg-bits';

export function ServiceLanes(props: { lang?: Lang }) {
  const { lang } = props;
  const steps = [t(lang, '注文を取る', 'take the order'), t(lang, '料理を作る', 'cook'), t(lang, '料理を運ぶ', 'serve')];
  const aria = t(
    lang,
    '並行処理をレストランにたとえた図。3人のお客さんそれぞれに「注文を取る → 料理を作る → 料理を運ぶ」がある。asyncio では、これを全部同じ1人の店員がこなす（シングルスレッド = ワンオペ）。',
    'Concurrency as a restaurant: each of three customers needs "take the order → cook → serve". In asyncio one and the same waiter does all of it (single thread = a one-person shift).',
  );
  return (
    <svg viewBox="0 0 960 380" width="100%" style={SVG_STYLE} role="img" aria-label={aria} class="diagram service-lanes">
      <title>{aria}</title>
      {['A', 'B', 'C'].map((name, row) => {
        const y = 30 + row * 110;
        return (
          <g>
            <Person x={50} y={y + 18} color={CUSTOMER} scale={0.6} />
            <Label x={50} y={y + 80} text={name} size={20} weight={700} color={CUSTOMER} />
            {steps.map((s, i) => (
              <g>
                <Box x={110 + i * 200} y={y} w={160} h={64} fill={SOFT}>
                  <Label x={190 + i * 200} y={y + 32} text={s} size={21} />
                </Box>
                {i < 2 ? <Arrow x1={272 + i * 200} y1={y + 32} x2={308 + i * 200} y2={y + 32} color={MUTED} width={3} /> : null}
              </g>
            ))}
          </g>
        );
      })}
      <g {...frag(1)}>
        <path d="M 700 30 Q 730 30 730 60 L 730 170 Q 730 192 752 192 Q 730 192 730 214 L 730 324 Q 730 354 700 354" fill="none" stroke={WAITER} stroke-width={4} />
        <Person x={850} y={140} color={WAITER} apron />
        <Label x={850} y={252} text={t(lang, '全部、同じ人', 'all the same person')} size={22} weight={700} color={WAITER} />
        <Label x={850} y={282} text={t(lang, 'ワンオペ', 'a one-person shift')} size={22} weight={700} color={WAITER} />
        <Label x={850} y={312} text={t(lang, '= シングルスレッド', '= a single thread')} size={20} color={MUTED} />
      </g>
    </svg>
  );
}
