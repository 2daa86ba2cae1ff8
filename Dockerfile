# The dashboard as one container: `docker build -t superficial .` then `docker run -p 8501:8501 superficial`.
# Its store is built here, at image build time, so a container serves its first reader at once.
FROM python:3.11-slim

# Arrow's system allocator hands freed memory back to the OS (as scripts/run.sh). The folders the app reads
# (mount others over /app/data and /app/content) and the cache folder its store is built into.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ARROW_DEFAULT_MEMORY_POOL=system \
    SUPERFICIAL_DATA_DIR=/app/data \
    SUPERFICIAL_CONTENT_DIR=/app/content \
    SUPERFICIAL_CACHE_DIR=/app/cache

RUN useradd --create-home --uid 10001 reader
WORKDIR /app

# The pinned requirements first: this layer is rebuilt only when they change.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY pyproject.toml ./
COPY superficial/ superficial/
# Editable, as scripts/setup.sh installs it: the package finds pages/ beside itself (superficial.config.ROOT).
RUN pip install --no-deps -e .

COPY .streamlit/ .streamlit/
COPY app.py ./
COPY pages/ pages/
COPY data/ data/
COPY content/ content/

# The store of the bundled data and content, owned by the user that serves it; a container with other folders
# mounted builds theirs into the same cache folder on its first page run.
RUN install -d -o reader -g reader /app/cache
USER reader
RUN python -m superficial.db.build /app/data /app/content

EXPOSE 8501
# The slim image has no curl: the health check is Python's own.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]
# As scripts/run.sh; --server.address 0.0.0.0 so the port can be published.
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false"]
