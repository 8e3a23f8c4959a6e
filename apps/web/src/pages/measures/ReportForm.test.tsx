import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../api/client';
import { ApiProvider } from '../../api/context';
import type { Measure } from './measure-queries';
import { ReportForm } from './StatusReports';

const measure = { id: '43a97960-42b8-4881-a700-459cc09a85be', progress: 45 } as Measure;

/** The form with a real typed client whose requests end in this fetch stub. */
function renderForm(fetch: typeof globalThis.fetch) {
  vi.stubGlobal('fetch', fetch);
  const api = createApi({ token: async () => 'token', onUnauthorized: () => undefined, baseUrl: 'http://sozialraum.test' });
  render(
    <ApiProvider api={api}>
      <QueryClientProvider client={new QueryClient()}>
        <ReportForm measure={measure} />
      </QueryClientProvider>
    </ApiProvider>,
  );
}

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

describe('filing a status report', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when the form is sent incomplete, then every field says in German what is missing and nothing is sent', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    renderForm(fetch);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Fortschritt in Prozent'));
    await user.type(screen.getByLabelText('Fortschritt in Prozent'), '120');
    await user.clear(screen.getByLabelText(/Stichtag/));
    await user.type(screen.getByLabelText(/Stichtag/), '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Statusbericht erstatten' }));

    expect(await screen.findByText('Der Fortschritt liegt zwischen 0 und 100 %.')).toBeInTheDocument();
    expect(screen.getByText('Bitte wählen Sie eine Ampel.')).toBeInTheDocument();
    expect(screen.getByText('Bitte beschreiben Sie den Stand der Maßnahme.')).toBeInTheDocument();
    expect(screen.getByText('Der Stichtag darf nicht in der Zukunft liegen.')).toBeInTheDocument();
    expect(screen.getByLabelText('Fortschritt in Prozent')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Fortschritt in Prozent'));
    await user.type(screen.getByLabelText('Fortschritt in Prozent'), 'viel');
    await user.click(screen.getByRole('button', { name: 'Statusbericht erstatten' }));
    expect(await screen.findByText('Bitte eine Zahl von 0 bis 100 angeben.')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('when the form is complete, then the report is sent once with an idempotency key and the form starts afresh', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => answer(201, { id: 'r1' }));
    renderForm(fetch);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Fortschritt in Prozent'));
    await user.type(screen.getByLabelText('Fortschritt in Prozent'), '60');
    await user.click(screen.getByLabelText('Kritisch (rot)'));
    await user.type(screen.getByLabelText('Bericht'), 'Raum fällt aus');
    await user.click(screen.getByRole('button', { name: 'Statusbericht erstatten' }));

    expect(await screen.findByText(/Der Statusbericht ist erstattet/)).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
    const request = fetch.mock.calls[0]![0] as Request;
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe(`/v1/measures/${measure.id}/reports`);
    expect(request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers.get('Authorization')).toBe('Bearer token');
    expect(await request.json()).toEqual({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), progress: 60, trafficLight: 'red', text: 'Raum fällt aus' });
    expect(screen.getByLabelText('Bericht')).toHaveValue('');
  });

  it('when the service refuses the report, then the form keeps the text and says why in German', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => answer(409, { title: 'Conflict', status: 409, detail: 'A cancelled measure takes no reports.' }));
    renderForm(fetch);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Im Plan (grün)'));
    await user.type(screen.getByLabelText('Bericht'), 'Alles läuft');
    await user.click(screen.getByRole('button', { name: 'Statusbericht erstatten' }));

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Der Statusbericht wurde nicht erstattet'));
    expect(screen.getByRole('alert')).toHaveTextContent('Die Daten wurden inzwischen geändert');
    expect(screen.getByLabelText('Bericht')).toHaveValue('Alles läuft');
  });
});
