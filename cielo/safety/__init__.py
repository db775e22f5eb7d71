"""Safety: prompt and frame moderation, provenance (visible and invisible watermarks, C2PA), reverse search.

A library of pure functions and small classes, no HTTP; only the platform's side of it (moderation_queue,
appeals) touches the database. Heavy dependencies (the embedding model, NudeNet, c2pa) load on first use, so
importing this package is cheap.

    moderation.Moderator       prompt moderation (rules + trained classifier), triggers, OpenAI-compatible results
    classifier, training       the prompt classifier (numpy) and how it is trained from the tuning sets
    policies.ModerationConfig  categories, thresholds, profiles
    rulebook, rules            the English and Spanish rules (words, and words that need a context)
    guard                      the platform's checks: prompts, spoken lines, output; the refusal message
    appeals                    "This was wrong": appeals, the instance's allow examples, their export
    figures                    protected real people and copyrighted characters, matched by name
    frames.check_frames        NudeNet over sampled output frames
    watermark.VisibleWatermark moving "Cielo @handle" mark
    invisible.InvisibleWatermark, VideoIdCodec   video id hidden in the frames (dwtDctSvd)
    c2pa_signing               local CA, C2PA manifests on mp4, verification
    hashes                     pHash of keyframes, near-duplicate search
    evaluation                 scoring a Moderator on a labelled prompt set
"""
