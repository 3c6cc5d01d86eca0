// Attachments of a department's answer over REST against the real console, PostgreSQL and Kafka
// (ADR 13): upload, the size limit, the content check naming the file, another department's signal
// answered as missing, downloads that are always files, and the audit entry of every upload.
import type { AttachmentRecord } from '@app/persistence';
import { aSignal, ConsoleTestBed } from '../../support/console-harness';

const MAX_BYTES = 64 * 1024;
const encode = (alertKey: string) => encodeURIComponent(alertKey);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const WINDOWS_PROGRAM = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/** The API answers an attachment as the store records it. */
type AttachmentBody = AttachmentRecord;

interface ErrorBody {
  statusCode: number;
  message: string;
}

describe('attachments of a signal over REST', () => {
  const bed = new ConsoleTestBed({
    LOGIN_THROTTLE_PER_ADDRESS: '1000',
    ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
  });

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  /** POSTs one file as a browser's form does (multipart, field `file`). */
  async function upload(
    alertKey: string,
    as: string,
    file: { name: string; content: Buffer; type?: string } | null,
  ): Promise<{ status: number; body: AttachmentBody & ErrorBody }> {
    const form = new FormData();
    if (file)
      form.append(
        'file',
        new Blob([file.content], { type: file.type ?? 'application/octet-stream' }),
        file.name,
      );
    else form.append('note', 'no file');
    const response = await fetch(`${bed.baseUrl}/api/signals/${encode(alertKey)}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await bed.login(as)}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as AttachmentBody & ErrorBody };
  }

  async function aRaisedSignal(departmentId = 'scjgj'): Promise<string> {
    const signal = aSignal({ departmentId });
    await bed.raise([signal]);
    return signal.alertKey;
  }

  const stored = async (alertKey: string) =>
    Number(
      (
        await bed.query<{ n: string }>(`SELECT count(*) AS n FROM signal_attachments WHERE alert_key = $1`, [
          alertKey,
        ])
      )[0]?.n,
    );

  it('stores a file of the officer’s department with what its content is, and lists it to those who may see the signal', async () => {
    const alertKey = await aRaisedSignal();
    const answer = await upload(alertKey, 'officer-scjgj', {
      name: '整改报告.pdf',
      content: PDF,
      type: 'text/html', // what the client claims is ignored
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      alertKey,
      filename: '整改报告.pdf',
      kind: 'pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: 'officer-scjgj',
    });
    expect(answer.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const reader of ['officer-scjgj', 'jiancha', 'shenji']) {
      const list = await bed.call<AttachmentBody[]>('GET', `/api/signals/${encode(alertKey)}/attachments`, {
        as: reader,
      });
      expect(list.status).toBe(200);
      expect(list.body.map((a) => [a.id, a.filename, a.size])).toEqual([
        [answer.body.id, '整改报告.pdf', PDF.length],
      ]);
    }
  });

  it('records each upload in the signal’s audit trail, with who, when and which file; the status stays', async () => {
    const alertKey = await aRaisedSignal();
    await bed.call('POST', `/api/signals/${encode(alertKey)}/acknowledge`, { as: 'officer-scjgj', body: {} });
    const first = await upload(alertKey, 'officer-scjgj', { name: '现场照片.png', content: PNG });
    const second = await upload(alertKey, 'officer-scjgj', {
      name: '说明.txt',
      content: Buffer.from('已整改完毕。\n'),
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const trail = await bed.call<
      {
        action: string;
        fromStatus: string;
        toStatus: string;
        actorUsername: string;
        actorRole: string;
        text: string;
        details: Record<string, unknown>;
      }[]
    >('GET', `/api/signals/${encode(alertKey)}/transitions`, { as: 'shenji' });
    const attaches = trail.body.filter((t) => t.action === 'attach');
    expect(attaches).toEqual([
      expect.objectContaining({
        fromStatus: 'acknowledged',
        toStatus: 'acknowledged',
        actorUsername: 'officer-scjgj',
        actorRole: 'department_officer',
        text: '现场照片.png',
        details: {
          attachmentId: first.body.id,
          filename: '现场照片.png',
          kind: 'png',
          size: PNG.length,
          sha256: first.body.sha256,
        },
      }),
      expect.objectContaining({ text: '说明.txt' }),
    ]);
    expect(attaches[1]?.details.kind).toBe('text');
    const signal = await bed.call<{ status: string }>('GET', `/api/signals/${encode(alertKey)}`, {
      as: 'jiancha',
    });
    expect(signal.body.status).toBe('acknowledged');
  });

  it('refuses a file over the size limit with 413 naming the file, and stores nothing', async () => {
    const alertKey = await aRaisedSignal();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const answer = await upload(alertKey, 'officer-scjgj', { name: '扫描件.pdf', content: big });
    expect(answer.status).toBe(413);
    expect(answer.body.message).toBe('扫描件.pdf: the file is larger than the 64 KB limit');
    expect(await stored(alertKey)).toBe(0);
    // exactly at the limit is fine
    const atLimit = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)]);
    expect((await upload(alertKey, 'officer-scjgj', { name: '扫描件.pdf', content: atLimit })).status).toBe(
      201,
    );
  });

  it('refuses content outside the allow-list, or named as another type, with 400 naming the file and the problem', async () => {
    const alertKey = await aRaisedSignal();
    const program = await upload(alertKey, 'officer-scjgj', {
      name: '整改说明.pdf',
      content: WINDOWS_PROGRAM,
      type: 'application/pdf',
    });
    expect(program.status).toBe(400);
    expect(program.body.message).toBe(
      '整改说明.pdf: the content is not an allowed type; allowed: PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or UTF-8 text',
    );
    const misnamed = await upload(alertKey, 'officer-scjgj', { name: 'photo.pdf', content: PNG });
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.message).toBe(
      'photo.pdf: the name ends in .pdf but the content is PNG; name it .png',
    );
    const nothing = await upload(alertKey, 'officer-scjgj', null);
    expect(nothing.status).toBe(400);
    expect(nothing.body.message).toBe('send one file in the multipart form field "file"');
    expect(await stored(alertKey)).toBe(0);
  });

  it('answers another department’s signal as a missing one, and lets only officers upload', async () => {
    const alertKey = await aRaisedSignal('scjgj');
    const own = await upload(alertKey, 'officer-scjgj', { name: 'a.pdf', content: PDF });
    expect(own.status).toBe(201);
    const missing = `${alertKey}-missing`;
    const other = await upload(alertKey, 'officer-zjj', { name: 'b.pdf', content: PDF });
    const none = await upload(missing, 'officer-zjj', { name: 'b.pdf', content: PDF });
    expect([other.status, none.status]).toEqual([404, 404]);
    expect(other.body.message).toBe(`no signal ${alertKey}`);
    expect(none.body.message).toBe(`no signal ${missing}`);
    const list = await bed.call<ErrorBody>('GET', `/api/signals/${encode(alertKey)}/attachments`, {
      as: 'officer-zjj',
    });
    const download = await bed.call<ErrorBody>(
      'GET',
      `/api/signals/${encode(alertKey)}/attachments/${own.body.id}`,
      {
        as: 'officer-zjj',
      },
    );
    expect([list.status, download.status]).toEqual([404, 404]);
    expect(JSON.stringify([list.body, download.body])).not.toContain('a.pdf');
    // supervisors and auditors read but do not upload; administrators do neither
    expect((await upload(alertKey, 'jiancha', { name: 'c.pdf', content: PDF })).status).toBe(403);
    expect(
      (await bed.call('GET', `/api/signals/${encode(alertKey)}/attachments`, { as: 'admin' })).status,
    ).toBe(403);
    expect(await stored(alertKey)).toBe(1);
  });

  it('takes files only while the signal is open or acknowledged', async () => {
    const alertKey = await aRaisedSignal();
    await bed.call('POST', `/api/signals/${encode(alertKey)}/acknowledge`, { as: 'officer-scjgj', body: {} });
    await bed.call('POST', `/api/signals/${encode(alertKey)}/respond`, {
      as: 'officer-scjgj',
      body: { responseKind: 'correction', text: '已整改' },
    });
    const late = await upload(alertKey, 'officer-scjgj', { name: 'late.pdf', content: PDF });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe(
      'files can be attached while a signal is open or acknowledged; this one is responded',
    );
  });

  it('downloads a file as a file: attachment, nosniff, its recognised type, a sandbox, the same bytes', async () => {
    const alertKey = await aRaisedSignal();
    const uploaded = await upload(alertKey, 'officer-scjgj', {
      name: '整改报告 (终稿).pdf',
      content: PDF,
      type: 'text/html',
    });
    for (const reader of ['officer-scjgj', 'jiancha', 'shenji']) {
      const response = await fetch(
        `${bed.baseUrl}/api/signals/${encode(alertKey)}/attachments/${uploaded.body.id}`,
        {
          headers: { authorization: `Bearer ${await bed.login(reader)}` },
        },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="____ (__).pdf"; filename*=UTF-8''${encodeURIComponent('整改报告 (终稿).pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    }
    const unknown = await bed.call<ErrorBody>('GET', `/api/signals/${encode(alertKey)}/attachments/999999`, {
      as: 'jiancha',
    });
    expect(unknown.status).toBe(404);
    const text = await upload(alertKey, 'officer-scjgj', {
      name: 'note.txt',
      content: Buffer.from('<script>alert(1)</script>\n'),
    });
    const served = await fetch(`${bed.baseUrl}/api/signals/${encode(alertKey)}/attachments/${text.body.id}`, {
      headers: { authorization: `Bearer ${await bed.login('jiancha')}` },
    });
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
  });
});
