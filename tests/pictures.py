"""Pictures for tests, made with Pillow as a phone or a screenshot tool would
make them: no binary file is kept in the repository."""

import io
import random

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter

# Where the photo was taken, as a phone writes it into EXIF.
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.4),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
}
# EXIF orientation 6: the camera was held upright, the picture is stored
# lying on its side; a viewer turns it a quarter clockwise.
TURN_CLOCKWISE = 6


def scene(width, height, seed=1):
    """A smooth picture with shapes: it compresses like a photo."""
    small = (max(1, width // 4), max(1, height // 4))
    picture = Image.linear_gradient("L").resize(small).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for i in range(12):
        x, y = (i * 379 * seed) % small[0], (i * 211 * seed) % small[1]
        colour = ((i * 40) % 255, (i * 90 + seed * 30) % 255, (200 - i * 15) % 255)
        draw.ellipse((x, y, x + small[0] // 5, y + small[1] // 4), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(1))
    return picture.resize((width, height), Image.Resampling.BICUBIC)


def photo_jpeg(width, height, *, seed=1, gps=False, orientation=None, icc=False):
    """A JPEG as a phone saves it: EXIF with the camera (and, with `gps`,
    where it was taken), an orientation, an sRGB ICC profile if asked."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Pocket 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    options = {"quality": 92, "exif": exif}
    if icc:
        options["icc_profile"] = srgb_profile()
    buffer = io.BytesIO()
    scene(width, height, seed).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def drawing_png(width, height, *, text_chunk=True):
    """A PNG as a screenshot tool saves it: flat colours, transparency and a
    text chunk naming the software."""
    from PIL import PngImagePlugin  # noqa: PLC0415

    picture = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((width // 10, height // 10, width // 2, height // 2), fill="#0b4fc2")
    draw.ellipse((width // 2, height // 3, width - 10, height - 10), fill="#b35c00")
    info = PngImagePlugin.PngInfo()
    if text_chunk:
        info.add_text("Software", "Screenshot Tool 3.1")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def noise(width, height, fmt="JPEG"):
    """A picture of noise (the same every time): no format compresses it
    much, and WebP no better than JPEG."""
    pixels = random.Random(7).randbytes(width * height * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(buffer, fmt, quality=92)
    return buffer.getvalue()


def gif(width, height):
    buffer = io.BytesIO()
    Image.new("P", (width, height), 3).save(buffer, "GIF")
    return buffer.getvalue()


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def metadata_of(data):
    """What a file says besides its picture: EXIF, GPS, ICC, XMP, text, and
    the JPEG segments beyond JFIF's."""
    with Image.open(io.BytesIO(data)) as image:
        found = {
            key: value
            for key, value in image.info.items()
            if key in ("exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp")
        }
        exif = image.getexif()
        if exif:
            found["exif tags"] = dict(exif)
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found["gps"] = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
        if getattr(image, "text", None):
            found["text"] = dict(image.text)
        segments = [name for name, _ in getattr(image, "applist", [])]
        if any(name != "APP0" for name in segments):
            found["segments"] = segments
    return found
