from django.urls import path

from incubation.audition.views import applicants, jury, staff
from incubation.classroom import views as courses
from incubation.coaching.views import assignments, mentoring
from incubation.cohorts import views as cohorts
from incubation.graduation.views import certificates
from incubation.graduation.views import cohorts as graduation
from incubation.personal_data import views as personal_data

applicant_patterns = [
    path("", applicants.audition_home, name="audition_home"),
    path("<int:round_id>/daftar/", applicants.application_start, name="audition_application_start"),
    path("lamaran/<int:pk>/", applicants.application_detail, name="audition_application_detail"),
    path(
        "lamaran/<int:pk>/langkah/<slug:step>/", applicants.application_step, name="audition_application_step"
    ),
    path("lamaran/<int:pk>/kirim/", applicants.application_submit, name="audition_application_submit"),
    path("lamaran/<int:pk>/tarik/", applicants.application_withdraw, name="audition_application_withdraw"),
    path("dokumen/<int:pk>/", applicants.application_document, name="audition_document"),
    path("data-saya/unduh/", personal_data.my_data_export, name="audition_my_data"),
    path("data-saya/hapus/", personal_data.my_data_delete, name="audition_my_data_delete"),
]

jury_patterns = [
    path("", jury.jury_home, name="jury_home"),
    path("lamaran/<int:pk>/", jury.jury_application, name="jury_application"),
    path("lamaran/<int:pk>/konflik/", jury.jury_conflict, name="jury_conflict"),
    path("ekspor/<int:round_id>/", jury.jury_export, name="jury_export"),
]

staff_patterns = [
    path("", staff.staff_rounds, name="staff_audition_rounds"),
    path("<int:round_id>/", staff.staff_round, name="staff_audition_round"),
    path("<int:round_id>/peringkat/", staff.staff_ranking, name="staff_audition_ranking"),
    path("<int:round_id>/tugaskan-otomatis/", staff.staff_auto_assign, name="staff_audition_auto_assign"),
    path("<int:round_id>/laporan/", staff.staff_report, name="staff_audition_report"),
    path("<int:round_id>/ekspor/", staff.staff_export, name="staff_audition_export"),
    path("lamaran/<int:pk>/", staff.staff_application, name="staff_audition_application"),
    path("penghapusan-data/", personal_data.staff_deletion_requests, name="staff_audition_deletions"),
]

cohort_staff_patterns = [
    path("", cohorts.cohort_list, name="cohort_list"),
    path("baru/<int:round_id>/", cohorts.cohort_create, name="cohort_create"),
    path("peserta/<int:pk>/luluskan/", graduation.enrollment_graduate, name="cohort_enrollment_graduate"),
    path("peserta/<int:pk>/keluarkan/", graduation.enrollment_withdraw, name="cohort_enrollment_withdraw"),
    path("sertifikat/<str:code>/cabut/", graduation.certificate_revoke, name="cohort_certificate_revoke"),
    path("<slug:slug>/", graduation.cohort_detail, name="cohort_detail"),
    path("<slug:slug>/ubah/", cohorts.cohort_edit, name="cohort_edit"),
    path("<slug:slug>/daftarkan/", cohorts.cohort_enroll, name="cohort_enroll"),
    path("<slug:slug>/luluskan/", graduation.cohort_graduate_all, name="cohort_graduate_all"),
    path("<slug:slug>/dasbor/", graduation.cohort_dashboard_view, name="cohort_dashboard"),
]

certificate_patterns = [
    path("inkubasi/sertifikat/", certificates.certificate_mine, name="certificate_mine"),
    path("inkubasi/sertifikat/<str:code>/", certificates.certificate_detail, name="certificate_detail"),
    path(
        "inkubasi/sertifikat/<str:code>/toko/",
        certificates.certificate_alumni_storefront,
        name="certificate_alumni_storefront",
    ),
    path("sertifikat/", certificates.certificate_verify, name="certificate_lookup"),
    path("sertifikat/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
]

# Courses (/inkubasi/kelas/): classroom actions; the course pages themselves are Wagtail pages under /kelas/.
course_patterns = [
    path("cari/", courses.course_search, name="course_search"),
    path("pelajaran/<int:pk>/selesai/", courses.course_lesson_complete, name="course_lesson_complete"),
    path("pelajaran/<int:pk>/kuis/", courses.course_quiz_submit, name="course_quiz_submit"),
]

# Assignments and mentoring, participant side (under /inkubasi/).
coaching_patterns = [
    path("tugas/<int:lesson_id>/", assignments.assignment_detail, name="assignment_detail"),
    path("tugas/berkas/<int:pk>/", assignments.assignment_file, name="assignment_file"),
    path("sesi/", mentoring.session_my_list, name="session_my_list"),
    path("sesi/hadir/<str:token>/", mentoring.session_checkin, name="session_checkin"),
]

# Trainers (and staff) under /pelatih/.
trainer_patterns = [
    path("", mentoring.trainer_home, name="trainer_home"),
    path("tugas/", assignments.assignment_queue, name="assignment_queue"),
    path("tugas/<int:pk>/", assignments.assignment_review, name="assignment_review"),
    path("sesi/", mentoring.session_list, name="session_list"),
    path("sesi/baru/", mentoring.session_create, name="session_create"),
    path("sesi/<int:pk>/", mentoring.session_manage, name="session_manage"),
    path("sesi/<int:pk>/ubah/", mentoring.session_edit, name="session_edit"),
    path("sesi/<int:pk>/batal/", mentoring.session_cancel, name="session_cancel"),
    path("sesi/<int:pk>/qr/", mentoring.session_checkin_screen, name="session_checkin_screen"),
    path("kehadiran/<int:cohort_id>/", mentoring.attendance_report_view, name="session_attendance_report"),
    path("kehadiran/<int:cohort_id>/csv/", mentoring.attendance_report_csv, name="session_attendance_csv"),
]
