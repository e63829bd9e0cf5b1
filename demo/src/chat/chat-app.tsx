/** @jsxImportSource react */
import { type FormEvent, memo, useEffect, useRef, useState, version } from 'react';
import { CHAT_AGENT, CHAT_CUSTOMER, type ChatMessage, chatMessages } from '../../data/chat';

interface Props {
  /** Messages already in the conversation when the page opens (?initial=N). */
  initial: number;
  /** Time between arrivals (?interval=ms; 0 = as fast as the event loop allows). */
  intervalMs: number;
  /** How many more messages arrive after the initial ones (?count=N). */
  count: number;
  /** Messages per arrival (?batch=K). */
  batch: number;
  onFirstRender(): void;
}

interface Sent {
  id: string;
  from: 'agent';
  author: string;
  time: string;
  text: string;
}

const OTHER_CHATS = [
  { name: 'Rafael Costa', preview: 'Ok, obrigado!', time: '13:48' },
  { name: 'Larissa Gomes', preview: 'Vou verificar e retorno.', time: '13:31' },
  { name: 'Heitor Lima', preview: 'Qual o prazo de entrega?', time: '12:57' },
];

/**
 * Memoised so an arrival renders one new message instead of re-rendering the
 * whole log: ?interval=0&count=2000 would otherwise be quadratic.
 */
const Message = memo(function Message({ message: m }: { message: ChatMessage | Sent }) {
  return (
    <article className={`msg ${m.from}`} data-message-id={m.id}>
      <header>
        {m.author} · {m.time}
      </header>
      <p style={{ margin: 0 }}>{m.text}</p>
    </article>
  );
});

export function ChatApp({ initial, intervalMs, count, batch, onFirstRender }: Props) {
  const [messages, setMessages] = useState<Array<ChatMessage | Sent>>(() => chatMessages(0, initial));
  const [arrived, setArrived] = useState(0);
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(onFirstRender);

  useEffect(() => firstRender.current(), []);

  // New customer messages keep arriving, as in a live contact-center chat.
  useEffect(() => {
    if (arrived >= count) return;
    const timer = setTimeout(() => {
      const n = Math.min(batch, count - arrived);
      setMessages((list) => [...list, ...chatMessages(initial + arrived, n)]);
      setArrived((a) => a + n);
    }, intervalMs);
    return () => clearTimeout(timer);
  }, [arrived, count, batch, initial, intervalMs]);

  // Keep the newest message in view, once per frame before paint: reading
  // scrollHeight after every arrival forced a layout each time (?interval=0
  // with 2,000 messages took minutes instead of seconds).
  const scrollQueued = useRef(false);
  useEffect(() => {
    if (messages.length === 0 || scrollQueued.current) return;
    scrollQueued.current = true;
    requestAnimationFrame(() => {
      scrollQueued.current = false;
      const log = logRef.current;
      if (log) log.scrollTop = log.scrollHeight;
    });
  }, [messages.length]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setMessages((list) => [
      ...list,
      { id: `sent-${list.length}`, from: 'agent', author: CHAT_AGENT, time: 'agora', text },
    ]);
    setDraft('');
  };

  const done = arrived >= count;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Chat ao vivo</h1>
          <p>
            Atendimento digital · <span data-framework={`react@${version}`}>React {version}</span>
          </p>
        </div>
      </div>
      <div className="chat">
        <section className="card chat-list" aria-label="Conversas">
          <button type="button" aria-pressed="true">
            <strong>{CHAT_CUSTOMER.name}</strong>
            <small>Ao vivo · {messages.length} mensagens</small>
          </button>
          {OTHER_CHATS.map((c) => (
            <button type="button" aria-pressed="false" key={c.name}>
              <strong>{c.name}</strong>
              <small>
                {c.time} · {c.preview}
              </small>
            </button>
          ))}
        </section>

        <section className="card chat-panel" aria-label={`Conversa com ${CHAT_CUSTOMER.name}`}>
          <div className="chat-head">
            <div>
              <strong>{CHAT_CUSTOMER.name}</strong>
              <div className="muted">Cliente {CHAT_CUSTOMER.id} · WhatsApp</div>
            </div>
            <span className={done ? 'badge muted' : 'badge'}>
              {done ? 'Aguardando cliente' : 'Digitando…'}
            </span>
          </div>
          <div
            className="chat-log"
            ref={logRef}
            role="log"
            aria-live="polite"
            aria-label="Conversa"
            // A scrolling log takes focus so keyboard users can scroll it (WCAG 2.1.1).
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
            tabIndex={0}
            data-testid="chat-log"
            data-count={messages.length}
            data-done={done ? 'true' : 'false'}
          >
            {messages.map((m) => (
              <Message key={m.id} message={m} />
            ))}
          </div>
          <form className="chat-compose" onSubmit={send}>
            <label htmlFor="reply" className="sr-only">
              Resposta
            </label>
            <input
              id="reply"
              name="reply"
              placeholder="Escreva uma resposta…"
              autoComplete="off"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="btn primary">
              Enviar
            </button>
          </form>
        </section>
      </div>
    </>
  );
}
