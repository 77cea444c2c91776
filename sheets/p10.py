"""Rural clinic: upload everything or process locally.

A rural clinic photographs each patient's retinas for diabetic-retinopathy screening. Its
internet link is slow (2 Mbit/s). Can it send every image to a cloud model during the working
day, or does screening have to run on hardware in the clinic, sending only short result records?
The link is assumed dedicated to uploads during clinic hours and idle otherwise.
"""

from model import Calc, Input, Verdict

TITLE = "Rural clinic: upload everything or process locally"
CHAPTER = "3"
SECTION = "Data Collection"

patients_per_day = Input(150, "patient/day", doc="Patients screened per day", source="Ch. 3 'Bandwidth vs. Compute' (source comment: raised from 100 so the link saturates)")
photos_per_patient = Input(10, "image/patient", doc="Retinal photos taken per patient", source="Ch. 3 'Bandwidth vs. Compute'")
photo_size = Input(5, "MB/image", doc="Size of one fundus image", source="Ch. 3 'Bandwidth vs. Compute'")
uplink_rate = Input(2, "Mbit/s", doc="Rural connection's upload rate", source="Ch. 3 'Bandwidth vs. Compute'", strict_lo=True)
clinic_hours = Input(8, "h/day", doc="Hours a day the link is available for uploads", source="Ch. 3 'Bandwidth vs. Compute'", strict_lo=True)
summary_per_patient = Input(10, "KB/patient", doc="Result record uploaded per patient after local inference", source="Ch. 3 'Bandwidth vs. Compute'", strict_lo=True)

daily_volume = Calc("patients_per_day * photos_per_patient * photo_size", "GB/day", doc="Image data produced per day")
uplink_bytes = Calc("uplink_rate", "MB/s", doc="The link's capacity in bytes per second (bits ÷ 8)")
upload_time = Calc("daily_volume / uplink_bytes", "h/day", doc="Hours of uploading each day's images need")
share_of_day = Calc("upload_time / clinic_hours", "%", doc="Upload time as a share of the clinic day (over 100 % = backlog grows)")
summary_volume = Calc("patients_per_day * summary_per_patient", "MB/day", doc="Data sent per day when only result records go up")
bandwidth_reduction = Calc("daily_volume / summary_volume", "1", doc="How many times less data local screening sends")

verdict_where = Verdict(
    {"cloud upload feasible": "upload_time <= clinic_hours"},
    otherwise="process locally on edge hardware",
    doc="Can the day's images be uploaded within the clinic day (share of day at most 100 %)?",
    tones={"cloud upload feasible": "neutral", "process locally on edge hardware": "neutral"},
)
