/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * WSGI vs ASGI: the interface between Python web servers and web frameworks.
 * Top row WSGI, bottom row ASGI (revealed as a step).
 */
import { Arrow, Box, CUSTOMER, frag, INK, Label, type Lang, MUTED, SOFT, t, SVG_STYLE, WAITER } from './svg-bits';

function Row(props: { y: number; servers: string; spec: string; sig: string; frameworks: string[]; note: string; color: string; loop?: string }) {
  const { y } = props;
  return (
    <g>
      <Box x={30} y={y} w={270} h={110} fill={SOFT}>
        <Label x={165} y={y + (props.loop ? 38 : 55)} text={props.servers} size={24} weight={700} />
        {props.loop ? <Label x={165} y={y + 78} text={props.loop} size={19} color={WAITER} weight={700} /> : null}
      </Box>
      <Box x={660} y={y} w={270} h={110} fill={SOFT}>
        {props.frameworks.map((line, i) => (
          <Label x={795} y={y + 55 + (i - (props.frameworks.length - 1) / 2) * 32} text={line} size={24} weight={700} />
        ))}
      </Box>
      <Arrow x1={306} y1={y + 55} x2={654} y2={y + 55} color={props.color} width={4} both />
      <rect x={390} y={y + 12} width={180} height={40} rx={20} fill={props.color} />
      <Label x={480} y={y + 33} text={props.spec} size={24} weight={700} color="#fff" />
      <Label x={480} y={y + 78} text={props.sig} size={17} mono color={INK} />
      <Label x={480} y={y + 132} text={props.note} size={19} color={MUTED} />
    </g>
  );
}

export function WsgiAsgi(props: { lang?: Lang }) {
  const { lang } = props;
  const aria = t(
    lang,
    'WSGI と ASGI の図。WSGI は Gunicorn や uWSGI と Django・Flask・Pyramid をつなぐ同期の仕様。ASGI は Uvicorn や Hypercorn と Django・FastAPI・Starlette をつなぐ非同期の仕様で、サーバー側がイベントループを動かす。',
    'WSGI vs ASGI. WSGI connects Gunicorn or uWSGI to Django, Flask or Pyramid with a synchronous call. ASGI connects Uvicorn or Hypercorn to Django, FastAPI or Starlette with an async call; the server runs the event loop.',
  );
  return (
    <svg viewBox="0 0 960 420" width="100%" style={SVG_STYLE} role="img" aria-label={aria} class="diagram wsgi-asgi">
      <title>{aria}</title>
      <Label x={165} y={22} text={t(lang, 'Web サーバー', 'web servers')} size={22} color={MUTED} weight={700} />
      <Label x={480} y={22} text={t(lang, 'つなぐ仕様', 'the interface')} size={22} color={MUTED} weight={700} />
      <Label x={795} y={22} text={t(lang, 'フレームワーク', 'frameworks')} size={22} color={MUTED} weight={700} />
      <Row
        y={50}
        servers="Gunicorn / uWSGI"
        spec="WSGI"
        sig="app(environ, start_response)"
        frameworks={['Django', 'Flask / Pyramid']}
        note={t(lang, '同期: 1 リクエスト = 1 回の関数呼び出し', 'sync: one request = one function call')}
        color={MUTED}
      />
      <g {...frag(1)}>
        <Row
          y={235}
          servers="Uvicorn / Hypercorn"
          loop={t(lang, '↻ イベントループはここ', '↻ runs the event loop')}
          spec="ASGI"
          sig="await app(scope, receive, send)"
          frameworks={['Django', 'FastAPI / Starlette']}
          note={t(lang, '非同期: イベントの送受信・WebSocket など長い接続も', 'async: events in and out, long-lived connections too')}
          color={CUSTOMER}
        />
      </g>
    </svg>
  );
}
