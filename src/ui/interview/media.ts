/**
 * The browser parts of a mock interview: the microphone (asked for only when spoken answers are
 * chosen), recording with MediaRecorder, the screen wake lock and the gentle end-of-time signal.
 * Each says plainly why it could not do its part, so the run can fall back and show the reason.
 */

export type Microphone = { ok: true; stream: MediaStream } | { ok: false; reason: string };

/** Opens the microphone, or says why not (in words the run shows next to "answers are written"). */
export async function openMicrophone(): Promise<Microphone> {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return { ok: false, reason: 'This browser cannot record audio here (no MediaRecorder or microphone access).' };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    return { ok: true, stream };
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError')
      return {
        ok: false,
        reason: 'Microphone permission was refused. Allow the microphone in the browser’s site settings to answer aloud.',
      };
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return { ok: false, reason: 'No microphone was found.' };
    if (name === 'NotReadableError')
      return { ok: false, reason: 'The microphone is in use by another app or could not be started.' };
    return { ok: false, reason: `The microphone could not be opened (${e instanceof Error ? e.message : String(e)}).` };
  }
}

export function closeMicrophone(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export interface Recording {
  /** Stops and hands back what was recorded. */
  stop(): Promise<{ blob: Blob; mime: string }>;
  /** Stops and drops what was recorded. */
  cancel(): void;
}

/** Starts recording the stream; chunks arrive every second so a long answer is not one huge buffer at the end. */
export function startRecording(stream: MediaStream): Recording {
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  recorder.start(1000);
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        const mime = recorder.mimeType || 'audio/webm';
        if (recorder.state === 'inactive') {
          resolve({ blob: new Blob(chunks, { type: mime }), mime });
          return;
        }
        recorder.onstop = () => resolve({ blob: new Blob(chunks, { type: mime }), mime });
        recorder.onerror = () => reject(new Error('The recording failed.'));
        recorder.stop();
      }),
    cancel: () => {
      recorder.ondataavailable = null;
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
}

/**
 * Time is up: a short, quiet two-note chime and a light vibration. It never stops the answer;
 * the clock simply runs on, marked as over.
 */
export function gentleSignal(vibrate: boolean): void {
  if (vibrate) navigator.vibrate?.([80, 60, 80]);
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.06;
    gain.connect(audio.destination);
    for (const [i, freq] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      tone.type = 'sine';
      tone.frequency.value = freq;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.16);
    }
    window.setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio output (or not allowed): the visible and spoken signals remain.
  }
}
