/**
 * Heard without looking (a busy lane, a guard's eyes on the person): a short rising chime for a
 * pass, two low buzzes for a refusal (miniprogram/assets/sounds, made by scripts/make-sounds.mjs).
 * Played past the phone's mute switch — a gate phone on silent must still be heard. One player
 * per sound, made on first use and reused, so a scan never waits for audio to load twice.
 */
const SOURCES = { pass: '/assets/sounds/pass.wav', refused: '/assets/sounds/refused.wav' } as const;
type Sound = keyof typeof SOURCES;

const players: Partial<Record<Sound, WechatMiniprogram.InnerAudioContext>> = {};
let optionsSet = false;

export function playVerdictSound(allowed: boolean): void {
  const sound: Sound = allowed ? 'pass' : 'refused';
  try {
    if (!optionsSet) {
      optionsSet = true;
      wx.setInnerAudioOption?.({ obeyMuteSwitch: false, mixWithOther: true });
    }
    let player = players[sound];
    if (!player) {
      player = wx.createInnerAudioContext({ useWebAudioImplement: true });
      player.src = SOURCES[sound];
      players[sound] = player;
    }
    player.stop();
    player.play();
  } catch (err) {
    // A phone that cannot play still shows and vibrates the verdict: sound is never in the way.
    console.warn('[scan] verdict sound not played', err);
  }
}
