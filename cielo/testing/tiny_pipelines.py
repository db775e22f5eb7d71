"""Random-weight pipelines built in code: tokenizer, text encoder, VAE and transformer included.

Nothing here touches a hub. Tests use the "tiny" size (every run takes well under a second on a CPU);
benchmarks use "real" transformers and VAEs (the published configurations, random weights) with a
small text encoder of the right output width, so seconds per video and peak memory are those of the
real denoiser and decoder. `save_pretrained(folder)` on the result gives a folder the registry can
point at, so the real loading path (`from_pretrained(folder)`) is what gets exercised.
"""

from __future__ import annotations

from typing import Any

import torch

# A few hundred Unigram pieces: enough for every prompt to tokenise into real ids rather than <unk>.
_WORDS = [
    "a",
    "an",
    "the",
    "and",
    "of",
    "on",
    "in",
    "at",
    "to",
    "with",
    "by",
    "from",
    "over",
    "under",
    "into",
    "near",
    "his",
    "her",
    "their",
    "its",
    "is",
    "are",
    "fox",
    "cat",
    "dog",
    "bird",
    "horse",
    "person",
    "woman",
    "man",
    "child",
    "girl",
    "boy",
    "robot",
    "astronaut",
    "friend",
    "friends",
    "beach",
    "sea",
    "ocean",
    "wave",
    "waves",
    "city",
    "street",
    "forest",
    "mountain",
    "mountains",
    "snow",
    "rain",
    "night",
    "day",
    "sunset",
    "dawn",
    "morning",
    "evening",
    "sky",
    "cloud",
    "clouds",
    "sun",
    "moon",
    "star",
    "stars",
    "river",
    "lake",
    "desert",
    "field",
    "garden",
    "room",
    "walks",
    "runs",
    "dances",
    "flies",
    "swims",
    "sits",
    "jumps",
    "talks",
    "sings",
    "says",
    "looks",
    "smiles",
    "laughs",
    "red",
    "blue",
    "green",
    "yellow",
    "orange",
    "purple",
    "black",
    "white",
    "golden",
    "bright",
    "dark",
    "quiet",
    "busy",
    "calm",
    "slow",
    "fast",
    "camera",
    "pan",
    "zoom",
    "close",
    "wide",
    "shot",
    "then",
    "cut",
    "video",
    "photo",
    "portrait",
    "face",
    "of",
]


def unigram_vocab(words: tuple[str, ...] | list[str] = tuple(_WORDS)) -> list[tuple[str, float]]:
    """(piece, log-probability) pairs: specials, whole words, then single letters as a fallback."""
    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    pieces += [(f"\u2581{w}", -2.0 - i * 0.001) for i, w in enumerate(dict.fromkeys(words))]
    pieces += [(c, -8.0) for c in "abcdefghijklmnopqrstuvwxyz0123456789@.,!?'\""]
    pieces.append(("\u2581", -4.0))
    return pieces


def t5_tokenizer(model_max_length: int = 64):
    from transformers import T5Tokenizer

    return T5Tokenizer(vocab=unigram_vocab(), extra_ids=0, model_max_length=model_max_length)


def gemma_tokenizer(model_max_length: int = 64):
    """A byte-level-free BPE tokenizer with Gemma's special tokens (what LTX-2's pipeline expects)."""
    from transformers import GemmaTokenizer

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3, "<mask>": 4}
    for piece, _ in unigram_vocab()[3:]:
        vocab.setdefault(piece, len(vocab))
    return GemmaTokenizer(vocab=vocab, merges=[], model_max_length=model_max_length)


# ------------------------------------------------------------------------------------------- Wan


def _t5(vocab_size: int, d_model: int):
    from transformers import T5Config, T5EncoderModel

    return T5EncoderModel(
        T5Config(
            vocab_size=vocab_size,
            d_model=d_model,
            d_kv=8,
            d_ff=d_model * 2,
            num_layers=1,
            num_heads=4,
            relative_attention_num_buckets=8,
        )
    )


def _umt5(vocab_size: int, d_model: int, layers: int = 1):
    from transformers import UMT5Config, UMT5EncoderModel

    return UMT5EncoderModel(
        UMT5Config(
            vocab_size=vocab_size,
            d_model=d_model,
            d_kv=max(8, d_model // 4),
            d_ff=d_model * 2,
            num_layers=layers,
            num_heads=4,
            relative_attention_num_buckets=8,
        )
    )


def _wan_vae(size: str):
    from diffusers import AutoencoderKLWan

    if size == "real":
        return AutoencoderKLWan()  # the published Wan 2.1 VAE configuration
    return AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1)


WAN21_1_3B = {  # Wan-AI/Wan2.1-T2V-1.3B transformer/config.json
    "patch_size": (1, 2, 2),
    "num_attention_heads": 12,
    "attention_head_dim": 128,
    "in_channels": 16,
    "out_channels": 16,
    "text_dim": 4096,
    "freq_dim": 256,
    "ffn_dim": 8960,
    "num_layers": 30,
    "cross_attn_norm": True,
    "qk_norm": "rms_norm_across_heads",
    "rope_max_seq_len": 1024,
}

_WAN_TINY = {
    "patch_size": (1, 2, 2),
    "num_attention_heads": 2,
    "attention_head_dim": 12,
    "in_channels": 16,
    "out_channels": 16,
    "text_dim": 32,
    "freq_dim": 256,
    "ffn_dim": 32,
    "num_layers": 2,
    "cross_attn_norm": True,
    "qk_norm": "rms_norm_across_heads",
    "rope_max_seq_len": 32,
}


def wan_pipeline(kind: str = "wan", *, size: str = "tiny", two_experts: bool = False, seed: int = 0) -> Any:
    """A Wan pipeline: "wan" (text to video), "wan-i2v" (Wan 2.1 style, with a CLIP image encoder)
    or "wan-vace" (reference images). `two_experts` adds Wan 2.2's low-noise `transformer_2`."""
    from diffusers import (
        FlowMatchEulerDiscreteScheduler,
        WanImageToVideoPipeline,
        WanPipeline,
        WanTransformer3DModel,
        WanVACEPipeline,
        WanVACETransformer3DModel,
    )

    torch.manual_seed(seed)
    tokenizer = t5_tokenizer()
    config = dict(WAN21_1_3B if size == "real" else _WAN_TINY)
    text_encoder = _umt5(len(tokenizer), config["text_dim"])
    vae = _wan_vae(size)
    scheduler = FlowMatchEulerDiscreteScheduler(shift=5.0 if size == "real" else 7.0)
    experts = 2 if two_experts else 1
    extra: dict[str, Any] = {"boundary_ratio": 0.875} if two_experts else {}
    if kind == "wan":
        transformers = [WanTransformer3DModel(**config) for _ in range(experts)]
        return WanPipeline(
            tokenizer=tokenizer,
            text_encoder=text_encoder,
            vae=vae,
            scheduler=scheduler,
            transformer=transformers[0],
            transformer_2=transformers[1] if two_experts else None,
            **extra,
        )
    if kind == "wan-vace":
        layers = config["num_layers"]
        vace = dict(config, vace_layers=list(range(0, layers, 2)), vace_in_channels=96)
        transformers = [WanVACETransformer3DModel(**vace) for _ in range(experts)]
        return WanVACEPipeline(
            tokenizer=tokenizer,
            text_encoder=text_encoder,
            vae=vae,
            scheduler=scheduler,
            transformer=transformers[0],
            transformer_2=transformers[1] if two_experts else None,
            **extra,
        )
    if kind == "wan-i2v":
        from transformers import CLIPVisionConfig, CLIPVisionModel

        try:  # the torchvision-free processor; the default one needs torchvision
            from transformers import CLIPImageProcessorPil as ImageProcessor
        except ImportError:  # older transformers
            from transformers import CLIPImageProcessor as ImageProcessor

        image_dim = 1280 if size == "real" else 16
        image_encoder = CLIPVisionModel(
            CLIPVisionConfig(
                hidden_size=image_dim,
                num_hidden_layers=2 if size != "real" else 4,
                num_attention_heads=2 if size != "real" else 16,
                image_size=32 if size != "real" else 224,
                intermediate_size=image_dim * 2,
                patch_size=8 if size != "real" else 14,
            )
        )
        crop = image_encoder.config.image_size
        image_processor = ImageProcessor(crop_size=crop, size={"shortest_edge": crop})
        i2v = dict(
            config,
            in_channels=36,
            image_dim=image_dim,
            added_kv_proj_dim=config["num_attention_heads"] * config["attention_head_dim"],
        )
        transformers = [WanTransformer3DModel(**i2v) for _ in range(experts)]
        return WanImageToVideoPipeline(
            tokenizer=tokenizer,
            text_encoder=text_encoder,
            vae=vae,
            scheduler=scheduler,
            image_processor=image_processor,
            image_encoder=image_encoder,
            transformer=transformers[0],
            transformer_2=transformers[1] if two_experts else None,
            **extra,
        )
    raise ValueError(f"unknown Wan kind {kind!r}")


# ----------------------------------------------------------------------------------------- LTX-2


def _gemma3(vocab_size: int, hidden: int, layers: int = 2):
    from transformers import Gemma3Config, Gemma3ForConditionalGeneration

    config = Gemma3Config(
        text_config={
            "vocab_size": vocab_size + 8,
            "hidden_size": hidden,
            "intermediate_size": hidden * 2,
            "num_hidden_layers": layers,
            "num_attention_heads": 2,
            "num_key_value_heads": 1,
            "head_dim": 16,
            "max_position_embeddings": 1024,
            "sliding_window": 16,
        },
        vision_config={
            "hidden_size": 16,
            "intermediate_size": 32,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "image_size": 16,
            "patch_size": 8,
        },
        mm_tokens_per_image=4,
        boi_token_index=vocab_size + 1,
        eoi_token_index=vocab_size + 2,
        image_token_index=vocab_size + 3,
    )
    return Gemma3ForConditionalGeneration(config)


def ltx2_pipeline(*, size: str = "tiny", seed: int = 0) -> Any:
    """An LTX-2 pipeline (joint video and audio). "real" keeps the published transformer, video VAE,
    audio VAE and vocoder configurations and swaps Gemma-3 12B for a 2-layer model of the same width."""
    from diffusers import FlowMatchEulerDiscreteScheduler, LTX2Pipeline
    from diffusers.models import AutoencoderKLLTX2Audio, AutoencoderKLLTX2Video, LTX2VideoTransformer3DModel
    from diffusers.pipelines.ltx2.connectors import LTX2TextConnectors
    from diffusers.pipelines.ltx2.vocoder import LTX2Vocoder

    torch.manual_seed(seed)
    tokenizer = gemma_tokenizer()
    if size == "real":
        hidden = 3840
        text_encoder = _gemma3(len(tokenizer), hidden)
        connectors = LTX2TextConnectors(caption_channels=hidden, text_proj_in_factor=3)
        transformer = LTX2VideoTransformer3DModel()
        vae = AutoencoderKLLTX2Video()
        audio_vae = AutoencoderKLLTX2Audio()
        vocoder = LTX2Vocoder()
    else:
        hidden = 32
        text_encoder = _gemma3(len(tokenizer), hidden)
        connectors = LTX2TextConnectors(
            caption_channels=hidden,
            text_proj_in_factor=3,  # hidden states of 2 layers + the embeddings
            video_connector_num_attention_heads=4,
            video_connector_attention_head_dim=8,
            video_connector_num_layers=1,
            video_connector_num_learnable_registers=None,
            audio_connector_num_attention_heads=4,
            audio_connector_attention_head_dim=8,
            audio_connector_num_layers=1,
            audio_connector_num_learnable_registers=None,
            connector_rope_base_seq_len=32,
            rope_double_precision=False,
            rope_type="split",
        )
        transformer = LTX2VideoTransformer3DModel(
            in_channels=4,
            out_channels=4,
            num_attention_heads=2,
            attention_head_dim=8,
            cross_attention_dim=16,
            audio_in_channels=4,
            audio_out_channels=4,
            audio_num_attention_heads=2,
            audio_attention_head_dim=4,
            audio_cross_attention_dim=8,
            num_layers=2,
            caption_channels=hidden,
            rope_double_precision=False,
            rope_type="split",
        )
        vae = AutoencoderKLLTX2Video(
            latent_channels=4,
            block_out_channels=(8,),
            decoder_block_out_channels=(8,),
            layers_per_block=(1,),
            decoder_layers_per_block=(1, 1),
            spatio_temporal_scaling=(True,),
            decoder_spatio_temporal_scaling=(True,),
            decoder_inject_noise=(False, False),
            downsample_type=("spatiotemporal",),  # time too: 9 frames encode to the 5 the decoder doubles back
            upsample_residual=(False,),
            upsample_factor=(1,),
            patch_size=4,  # with one downsampling: 8x smaller, few tokens
            patch_size_t=1,
            decoder_causal=False,
        )
        audio_vae = AutoencoderKLLTX2Audio(
            base_channels=4,
            ch_mult=(1,),
            num_res_blocks=1,
            resolution=32,
            latent_channels=2,
            mel_bins=8,
        )
        vocoder = LTX2Vocoder(
            in_channels=audio_vae.config.output_channels * audio_vae.config.mel_bins,
            hidden_channels=32,
            upsample_kernel_sizes=[4, 4],
            upsample_factors=[2, 2],
            resnet_kernel_sizes=[3],
            resnet_dilations=[[1, 3, 5]],
            output_sampling_rate=16000,
        )
    return LTX2Pipeline(
        # A schedule shifted by the number of tokens and stretched to end at 0.1, as flow-matching video
        # models ship (the pipeline's own shift bounds), so tests meet the schedule real weights run.
        scheduler=FlowMatchEulerDiscreteScheduler(
            use_dynamic_shifting=True, base_shift=0.95, max_shift=2.05, base_image_seq_len=1024,
            max_image_seq_len=4096, shift_terminal=0.1,
        ),
        vae=vae,
        audio_vae=audio_vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        connectors=connectors,
        transformer=transformer,
        vocoder=vocoder,
    )


# ------------------------------------------------------------------------------------ LTX-Video


def ltx_pipeline(*, seed: int = 0) -> Any:
    """A tiny LTX-Video (0.9.x) pipeline with a T5 text encoder."""
    from diffusers import AutoencoderKLLTXVideo, FlowMatchEulerDiscreteScheduler, LTXPipeline
    from diffusers.models import LTXVideoTransformer3DModel

    torch.manual_seed(seed)
    tokenizer = t5_tokenizer()
    text_encoder = _t5(len(tokenizer), 32)
    transformer = LTXVideoTransformer3DModel(
        in_channels=8,
        out_channels=8,
        num_attention_heads=2,
        attention_head_dim=8,
        cross_attention_dim=16,
        num_layers=1,
        caption_channels=32,
    )
    vae = AutoencoderKLLTXVideo(
        latent_channels=8,
        block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8),
        layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1),
        spatio_temporal_scaling=(True, True, False, False),
        decoder_spatio_temporal_scaling=(True, True, False, False),
        decoder_inject_noise=(False, False, False, False, False),
        upsample_residual=(False, False, False, False),
        upsample_factor=(1, 1, 1, 1),
        timestep_conditioning=False,
        patch_size=1,
        patch_size_t=1,
        encoder_causal=True,
        decoder_causal=False,
    )
    return LTXPipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(),
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        transformer=transformer,
    )


# ---------------------------------------------------------------------------------- Stable Audio


def stable_audio_pipeline(*, seed: int = 0) -> Any:
    """A tiny Stable Audio Open pipeline: text to stereo audio (at 256 Hz, 2 s at most, in this size)."""
    from diffusers import AutoencoderOobleck, StableAudioDiTModel, StableAudioPipeline
    from diffusers.pipelines.stable_audio import StableAudioProjectionModel
    from diffusers.schedulers import EDMDPMSolverMultistepScheduler

    torch.manual_seed(seed)
    tokenizer = t5_tokenizer()
    text_encoder = _t5(len(tokenizer), 32)
    transformer = StableAudioDiTModel(
        sample_size=256,
        in_channels=3,
        num_layers=2,
        attention_head_dim=4,
        num_key_value_attention_heads=2,
        out_channels=3,
        cross_attention_dim=4,
        time_proj_dim=8,
        global_states_input_dim=8,
        cross_attention_input_dim=4,
    )
    vae = AutoencoderOobleck(
        encoder_hidden_size=6,
        downsampling_ratios=[1, 2],
        decoder_channels=3,
        decoder_input_channels=3,
        audio_channels=2,
        channel_multiples=[2, 4],
        sampling_rate=256,
    )
    projection_model = StableAudioProjectionModel(
        text_encoder_dim=32, conditioning_dim=4, min_value=0, max_value=32
    )
    scheduler = EDMDPMSolverMultistepScheduler(
        solver_order=2, prediction_type="v_prediction", sigma_data=1.0, sigma_schedule="exponential"
    )
    return StableAudioPipeline(
        vae=vae,
        text_encoder=text_encoder,
        projection_model=projection_model,
        tokenizer=tokenizer,
        transformer=transformer,
        scheduler=scheduler,
    )


def pipeline_for(kind: str, *, size: str = "tiny", two_experts: bool = False, seed: int = 0) -> Any:
    """The random pipeline of a registry `pipeline` kind, in inference mode like one `from_pretrained` loads
    (built in training mode, its dropout made one seed give a different video on every call)."""
    pipe = _random_pipeline(kind, size, two_experts, seed)
    for component in pipe.components.values():
        if isinstance(component, torch.nn.Module):
            component.eval()
    return pipe


def _random_pipeline(kind: str, size: str, two_experts: bool, seed: int) -> Any:
    if kind in ("wan", "wan-i2v", "wan-vace"):
        return wan_pipeline(kind, size=size, two_experts=two_experts, seed=seed)
    if kind == "ltx2":
        return ltx2_pipeline(size=size, seed=seed)
    if kind == "ltx":
        return ltx_pipeline(seed=seed)
    if kind == "stable-audio":
        return stable_audio_pipeline(seed=seed)
    raise ValueError(f"no random pipeline for kind {kind!r}")
