"""A random-weight CSM speech model built in code: tokenizer, backbone, depth decoder and Mimi codec.

`csm_model(folder)` writes a folder in the Hugging Face layout a real CSM checkpoint has (config.json,
weights, tokenizer, processor with its chat template), so the registry and the speech engine load it
exactly as they load real weights. The tiny size keeps every line under a second on a CPU; "real" uses
the published CSM-1B and Mimi sizes (random weights) for the speech benchmark.

The codec keeps Mimi's real down-sampling (24 kHz audio to 12.5 frames a second), because the CSM
processor counts audio tokens with those strides.
"""

from __future__ import annotations

from pathlib import Path

# Each turn of the conversation: "<bos>[speaker]text<eos>", then its audio frames when it has audio.
# The shape follows the published CSM template, which real weights bring with them.
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{- bos_token + '[' + message['role'] + ']' -}}"
    "{%- for item in message['content'] if item['type'] == 'text' -%}{{- item['text'] -}}{%- endfor -%}"
    "{{- eos_token -}}"
    "{%- for item in message['content'] if item['type'] == 'audio' -%}"
    "{{- '<|AUDIO|><|audio_eos|>' -}}"
    "{%- endfor -%}"
    "{%- endfor -%}"
)
SPECIAL_TOKENS = ["<|begin_of_text|>", "<|end_of_text|>", "<|AUDIO|>", "<|audio_eos|>", "<|pad|>"]
SIZES = {
    # backbone (hidden, layers, heads), depth decoder (hidden, layers), codebooks, codec (hidden, layers)
    "tiny": {"hidden": 32, "layers": 1, "heads": 2, "depth_hidden": 16, "depth_layers": 1, "depth_heads": 2,
             "depth_ffn": 64, "codebooks": 4, "codebook_size": 64, "codec_hidden": 16, "codec_layers": 1,
             "codec_heads": 2, "filters": 4},
    "real": {"hidden": 2048, "layers": 16, "heads": 32, "depth_hidden": 1024, "depth_layers": 4, "depth_heads": 8,
             "depth_ffn": 8192, "codebooks": 32, "codebook_size": 2048, "codec_hidden": 512, "codec_layers": 8,
             "codec_heads": 8, "filters": 64},
}


def byte_tokenizer():
    """A byte-level BPE tokenizer (every UTF-8 byte is a token, so any text in any language encodes) with
    CSM's special tokens."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    alphabet = pre_tokenizers.ByteLevel.alphabet()
    vocab = {char: i for i, char in enumerate(sorted(alphabet))}
    core = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, bos_token=SPECIAL_TOKENS[0],
                                        eos_token=SPECIAL_TOKENS[1], pad_token=SPECIAL_TOKENS[4])
    tokenizer.add_special_tokens({"additional_special_tokens": SPECIAL_TOKENS[2:4]})
    return tokenizer


def csm_model(folder: Path, *, size: str = "tiny", seed: int = 0) -> Path:
    """Build and save a random CSM model and its processor in `folder`; returns the folder."""
    import torch
    from transformers import (
        CsmConfig,
        CsmDepthDecoderConfig,
        CsmForConditionalGeneration,
        CsmProcessor,
        EncodecFeatureExtractor,
        MimiConfig,
    )

    s = SIZES[size]
    tokenizer = byte_tokenizer()
    ids = {token: tokenizer.convert_tokens_to_ids(token) for token in SPECIAL_TOKENS}
    audio_vocab = s["codebook_size"] + 3  # codes, then pad and two spares (CSM's layout)
    # A trained backbone never samples the three ids past the codebook; a random one does, so the codec gets
    # entries for them too (Mimi wants a power of two: twice the size; the extra entries cost a few MB).
    codec_entries = 2 * s["codebook_size"]
    codec = MimiConfig(
        hidden_size=s["codec_hidden"], num_filters=s["filters"], num_hidden_layers=s["codec_layers"],
        intermediate_size=4 * s["codec_hidden"], num_attention_heads=s["codec_heads"],
        num_key_value_heads=s["codec_heads"], head_dim=s["codec_hidden"] // s["codec_heads"], codebook_size=codec_entries, codebook_dim=s["codec_hidden"],
        vector_quantization_hidden_dimension=s["codec_hidden"], num_quantizers=s["codebooks"],
        upsample_groups=s["codec_hidden"], upsampling_ratios=[8, 6, 5, 4], compress=2,
    )
    depth = CsmDepthDecoderConfig(
        num_codebooks=s["codebooks"], backbone_hidden_size=s["hidden"], vocab_size=audio_vocab,
        hidden_size=s["depth_hidden"], intermediate_size=s["depth_ffn"], num_hidden_layers=s["depth_layers"],
        num_attention_heads=s["depth_heads"], num_key_value_heads=max(1, s["depth_heads"] // 4), max_position_embeddings=s["codebooks"] + 1,
    )
    config = CsmConfig(
        num_codebooks=s["codebooks"], vocab_size=audio_vocab, text_vocab_size=len(tokenizer),
        hidden_size=s["hidden"], intermediate_size=4 * s["hidden"], num_hidden_layers=s["layers"],
        num_attention_heads=s["heads"], num_key_value_heads=max(1, s["heads"] // 4), max_position_embeddings=2048,
        pad_token_id=ids["<|pad|>"], bos_token_id=ids["<|begin_of_text|>"], eos_token_id=ids["<|end_of_text|>"],
        audio_token_id=ids["<|AUDIO|>"], audio_eos_token_id=ids["<|audio_eos|>"],
        codebook_pad_token_id=audio_vocab - 1, codebook_eos_token_id=0,
        depth_decoder_config=depth.to_dict(), codec_config=codec.to_dict(),
    )
    if size == "tiny":
        # With the usual 0.02 the logits of so small a model are nearly flat: every code is equally likely
        # whatever the input, and the voice prompt could not change a thing. Wider weights make what it
        # says depend on what it was given, as a trained model's does.
        config.initializer_range = depth.initializer_range = 0.5
        config.depth_decoder_config.initializer_range = 0.5
    torch.manual_seed(seed)
    model = CsmForConditionalGeneration(config).eval()
    if size == "tiny":
        _spread_codebooks(model.codec_model, s["codebook_size"], seed)
    model.generation_config.do_sample = True
    model.generation_config.max_new_tokens = 125
    model.depth_decoder.generation_config.min_new_tokens = s["codebooks"] - 1
    model.depth_decoder.generation_config.max_new_tokens = s["codebooks"] - 1
    model.depth_decoder.generation_config.do_sample = True
    extractor = EncodecFeatureExtractor(feature_size=1, sampling_rate=24000, padding_value=0.0)
    processor = CsmProcessor(feature_extractor=extractor, tokenizer=tokenizer, chat_template=CHAT_TEMPLATE)
    folder = Path(folder)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def _spread_codebooks(codec, used: int, seed: int) -> None:
    """A new Mimi's codebooks are all zeros (they are learned from the data), so every sound would encode to
    code 0 and a voice prompt would say nothing. Random entries make the codes follow the audio; entries past
    `used` (the codes the backbone predicts) are put out of reach, so encoding never yields a code the
    backbone has no embedding for."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    for name, module in codec.quantizer.named_modules():
        if name.endswith("codebook"):
            table = torch.randn(module.embed_sum.shape, generator=generator) * 0.05
            table[used:] = 1e3
            module.embed_sum.copy_(table)
            module.cluster_usage.fill_(1.0)
