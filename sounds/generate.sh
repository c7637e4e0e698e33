#!/usr/bin/env bash
# Generates every Switchboard prompt as 16 kHz mono 16-bit PCM WAV.
# Needs espeak-ng and sox:  apt-get install -y --no-install-recommends espeak-ng sox
# Usage: sounds/generate.sh [output-dir]   (default: the folder holding this script)
set -euo pipefail

OUT="${1:-$(cd "$(dirname "$0")" && pwd)}"
VOICE="${VOICE:-en-us}"
SPEED="${SPEED:-150}"
FORMAT=(-r 16000 -c 1 -b 16 -e signed-integer)

for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# say <relative path without .wav> <text>
say() {
    local target="$OUT/$1.wav"
    mkdir -p "$(dirname "$target")"
    espeak-ng -v "$VOICE" -s "$SPEED" -w "$tmp/raw.wav" "$2"
    # Resample, trim leading/trailing silence, normalise to -3 dBFS peak.
    sox "$tmp/raw.wav" "${FORMAT[@]}" "$target" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3
}

# Digits
names=(zero one two three four five six seven eight nine)
for d in 0 1 2 3 4 5 6 7 8 9; do say "digits/$d" "${names[$d]}"; done
say digits/star "star"
say digits/pound "pound"

# IVR
say ivr/please_enter_extension "Please enter your extension."
say ivr/invalid_entry "Invalid entry."
say ivr/goodbye "Goodbye."
say ivr/welcome "Welcome to Switchboard."
say ivr/please_hold "Please hold while we connect your call."
say ivr/not_available "The person you are calling is not available."

# Voicemail
say voicemail/you_have "You have"
say voicemail/new_messages "new messages"
say voicemail/messages "messages"
say voicemail/no_more_messages "No more messages."
say voicemail/record_after_tone "Please record your message after the tone. When you are finished, hang up or press pound."
say voicemail/enter_id "Please enter your mailbox number, followed by pound."
say voicemail/enter_password "Please enter your password, followed by pound."
say voicemail/invalid_password "Invalid password. Please try again."
say voicemail/main_menu "To listen to new messages, press 1. To listen to saved messages, press 2. For advanced options, press 5. To exit, press pound."
say voicemail/message_menu "To listen to this message again, press 1. To save it, press 2. To delete it, press 7. For the next message, press 6."
say voicemail/message_saved "Message saved."
say voicemail/message_deleted "Message deleted."
say voicemail/not_available "The person you are trying to reach is not available. Please leave a message."
say voicemail/mailbox_full "The mailbox is full."

# Conference
say conference/alone "You are the only person in this conference."
say conference/muted "You are now muted."
say conference/unmuted "You are now unmuted."
say conference/locked "This conference is locked."
say conference/is_locked "The conference is now locked."
say conference/is_unlocked "The conference is now unlocked."
say conference/enter_pin "Please enter the conference pin number, followed by pound."
say conference/bad_pin "That pin number is not valid."
say conference/kicked "You have been removed from the conference."

# Tones
mkdir -p "$OUT/tones"
sox -n "${FORMAT[@]}" "$OUT/tones/beep.wav" synth 0.25 sine 1000 gain -6 fade t 0.005 0.25 0.005

# Music on hold: four chords (C, Am, F, G), 5 s each, soft sine pads with a fade between them.
mkdir -p "$OUT/music"
chord() { # chord <file> <f1> <f2> <f3>
    sox -n "${FORMAT[@]}" "$1" synth 5 sine "$2" sine "$3" sine "$4" \
        remix - tremolo 0.5 20 fade q 0.5 5 0.5 gain -n -9
}
chord "$tmp/c1.wav" 261.63 329.63 392.00
chord "$tmp/c2.wav" 220.00 261.63 329.63
chord "$tmp/c3.wav" 174.61 220.00 261.63
chord "$tmp/c4.wav" 196.00 246.94 293.66
sox "$tmp/c1.wav" "$tmp/c2.wav" "$tmp/c3.wav" "$tmp/c4.wav" "${FORMAT[@]}" "$OUT/music/hold_loop.wav"

echo "prompts written to $OUT"
