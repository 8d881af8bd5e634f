// The frame every Cadence e-mail shares: title, body, and the footer with preferences and one-click unsubscribe.
import type { ReactNode } from "react";
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { MailContext } from "@/lib/mail/messages";

const body = { backgroundColor: "#f6f7f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#111827" };
const container = { backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px", margin: "0 auto" };
export const sectionTitle = { fontSize: "16px", fontWeight: 600, margin: "20px 0 6px" };
export const line = { fontSize: "14px", lineHeight: "20px", margin: "2px 0" };
export const muted = { fontSize: "12px", color: "#6b7280", lineHeight: "18px" };
export const link = { color: "#1d4ed8" };

export function MailLayout({ ctx, preview, title, children }: { ctx: MailContext; preview: string; title: string; children: ReactNode }) {
  return (
    <Html lang={ctx.language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={muted}>{ctx.organisationName} · Cadence</Text>
          <Heading as="h1" style={{ fontSize: "20px", margin: "4px 0 12px" }}>
            {title}
          </Heading>
          {children}
          <Hr />
          <Section>
            <Text style={muted}>
              Times are in {ctx.timeZone}; amounts in {ctx.currency}.{" "}
              <Link href={ctx.preferencesUrl} style={link}>
                Choose which e-mails you get
              </Link>{" "}
              ·{" "}
              <Link href={ctx.unsubscribeUrl} style={link}>
                Unsubscribe from these e-mails
              </Link>
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** A bulleted list, or the sentence saying there is nothing. */
export function Items<T>({ items, empty, children }: { items: readonly T[]; empty: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <Text style={line}>{empty}</Text>;
  return (
    <ul style={{ margin: "0", paddingLeft: "20px" }}>
      {items.map((item, i) => (
        <li key={i} style={line}>
          {children(item)}
        </li>
      ))}
    </ul>
  );
}
