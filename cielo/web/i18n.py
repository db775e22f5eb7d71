"""What the pages add to the translations (cielo.i18n): the strings their scripts show and the labels of
reports, marked for extraction here and translated in cielo/locale."""

from __future__ import annotations

from cielo.i18n import (  # noqa: F401 - the pages' one import for languages
    DEFAULT,
    LANGUAGE_NAMES,
    LOCALE_DIR,
    SUPPORTED,
    N_,
    negotiate,
    page_language,
    translations,
)

JS_MESSAGES = {
    "like": N_("Like"),
    "unlike": N_("Unlike"),
    "copied": N_("Link copied"),
    "sound_on": N_("Sound on"),
    "sound_off": N_("Sound off"),
    "queued": N_("queued"),
    "in_progress": N_("rendering"),
    "completed": N_("ready"),
    "failed": N_("failed"),
    "publish": N_("Publish"),
    "published": N_("Published"),
    "delete_confirm": N_("Delete this video? Its media is deleted too."),
    "delete_comment_confirm": N_("Delete this comment?"),
    "block_confirm": N_("Block this user? Neither of you will see the other."),
    "follow": N_("Follow"),
    "following": N_("Following"),
    "reply": N_("Reply"),
    "delete": N_("Delete"),
    "error": N_("Something went wrong. Try again."),
    "all_caught_up": N_("You're all caught up."),
    "limit_reached": N_("That's all for today. Take a break and come back tomorrow."),
    "key_shown_once": N_("Copy this key now; it will not be shown again:"),
    "secret_shown_once": N_("Signing secret (shown once):"),
    "saved": N_("Saved"),
    "remix_started": N_("Remix started. It will appear in your drafts."),
    "just_now": N_("just now"),
    "report_sent": N_("Thanks. A moderator will look at it."),
    "delete_account_confirm": N_("Delete your account and everything of yours? This cannot be undone."),
    "notifications_on": N_("Browser notifications are on."),
    "notifications_blocked": N_(
        "Your browser blocks notifications from Cielo; allow them in its site settings."),
    "notifications_unsupported": N_("This browser cannot show notifications."),
    "challenge_look": N_("Look at the camera"),
    "challenge_turn_left": N_("turn your head to your left"),
    "challenge_turn_right": N_("turn your head to your right"),
    "challenge_then": N_(", then "),
    "challenge_back": N_("then look back at the camera"),
    "challenge_digits": N_("and say these digits out loud:"),
    "cameo_checking": N_("Checking your clip…"),
    "cameo_ready": N_("Your cameo is ready."),
    "cameo_saved": N_("Cameo saved"),
    "voice_saved": N_("Your voice is saved"),
    "recording": N_("Recording… %(n)s"),
    "cameo_delete_confirm": N_("Delete @%(handle)s? Its pictures, face data and voice are erased."),
    "cameo_use_delete_confirm": N_("Delete this video? It is deleted for its maker too."),
    "deleted": N_("Deleted"),
    "cameo_may_use": N_("You may use it."),
    "cameo_requested": N_("Access requested."),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "sheet_comments": N_("Comments"),
    "sheet_remix": N_("Remix"),
    "sheet_share": N_("Share"),
    "appeal": N_("This was wrong"),
    "appeal_sent": N_("Sent to the moderators. Thanks for telling us."),
    "appeal_allowed": N_("Allowed, and added to the allow examples"),
    "appeal_upheld": N_("Refusal kept"),
}

# What a report is about, as the moderators' queue names it.
REPORT_TARGETS = {"video": N_("Video"), "comment": N_("Comment"), "user": N_("Account")}

# What a person may report something for, in cielo.safety.moderation_queue.REASONS order.
REPORT_REASONS = {
    "sexual": N_("Sexual content"),
    "minors": N_("Puts a minor at risk"),
    "violence": N_("Violence or gore"),
    "self_harm": N_("Self-harm"),
    "hate": N_("Hate"),
    "harassment": N_("Harassment or bullying"),
    "impersonation": N_("Uses my likeness or pretends to be someone"),
    "copyright": N_("Copyright"),
    "spam": N_("Spam"),
    "other": N_("Something else"),
}


def js_messages(lang: str) -> dict[str, str]:
    tr = translations(lang)
    return {key: tr.gettext(message) for key, message in JS_MESSAGES.items()}
