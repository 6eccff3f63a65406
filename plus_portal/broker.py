"""kombu's filesystem transport, with messages written atomically.

The portal runs a real worker without any server through kombu's filesystem transport
(``make run``, ``make test``). Its ``_put`` creates the message file first and writes it
after, so a worker listing the folder in between takes an empty message, fails to decode it
and stops ("Expecting value: line 1 column 1", kombu issue #1551, still open). Here the
message is written under a name no reader looks at and renamed into place, which is atomic
on one file system, so a reader finds a message whole or not at all.
"""

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # Readers take only names ending in ".<queue>.msg"; this one ends in ".partial".
        partial = f"{final}.partial"
        try:
            with open(partial, "wb") as message:
                message.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as error:
            raise filesystem.ChannelError(f"Cannot add file {final!r} to directory") from error


class Transport(filesystem.Transport):
    Channel = Channel
